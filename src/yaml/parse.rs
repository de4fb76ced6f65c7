//! Stub — being implemented.
use super::{Document, Limits};
/// Iterator over documents.
pub struct Documents;
impl Iterator for Documents {
    type Item = Document;
    fn next(&mut self) -> Option<Document> {
        None
    }
}
/// Splits and parses.
pub fn documents(_text: &str, _limits: &Limits) -> Documents {
    Documents
}
