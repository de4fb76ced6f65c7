//! Rule data for the endpoint_slice family.

use crate::validate::registry::Rule;

/// The endpoint_slice rules.
pub(crate) static RULES: &[Rule] = &[];
