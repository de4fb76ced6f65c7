//! Rules: pure functions over typed k8s-openapi objects that collect [`Finding`]s.
//!
//! * `service.rs`, `endpoints.rs`, `endpoint_slice.rs`: what the API server's validation
//!   (after defaulting) and its warnings say about one object.
//! * `cross.rs`: how the objects of one run pair up (Service ↔ Endpoints/EndpointSlice), the
//!   way the mirroring controller, kube-proxy and cluster DNS pair them.
//! * `registry.rs`: every rule as data (code, name, severity, category, docs).
//!
//! Every finding is collected; no rule returns early on another's failure.

mod cross;
mod docs;
mod endpoint_slice;
mod endpoints;
pub(crate) mod ip;
pub(crate) mod meta;
pub(crate) mod msg;
pub(crate) mod names;
pub mod registry;
mod service;
mod service_ips;
mod service_warnings;

pub use cross::{CrossIndex, ObjectAt, ObjectAtRef, Placed};
pub use registry::{all as all_rules, rule, Rule};

use crate::diagnostic::Severity;
use crate::field_path::FieldPath;
use crate::object::Object;

/// One rule's finding on one object, before it is placed in a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule's code (a code of [`all_rules`]).
    pub code: &'static str,
    /// Field path within the object.
    pub path: FieldPath,
    /// One sentence naming the offending value (kubectl wording where there is one).
    pub message: String,
    /// Overrides the rule's default severity (e.g. a port-name mismatch on a headless
    /// Service only affects SRV records, so it is a warning there).
    pub severity: Option<Severity>,
    /// Overrides the rule's generic help with one specific to this finding.
    pub help: Option<String>,
}

impl Finding {
    /// A finding with the rule's default severity and help.
    pub fn new(code: &'static str, path: FieldPath, message: impl Into<String>) -> Self {
        Finding {
            code,
            path,
            message: message.into(),
            severity: None,
            help: None,
        }
    }

    /// [`Finding::new`] at a path given as an [`At`](crate::field_path::At) (built only now) or a [`FieldPath`].
    pub(crate) fn at(
        code: &'static str,
        path: impl Into<FieldPath>,
        message: impl Into<String>,
    ) -> Self {
        Finding::new(code, path.into(), message)
    }

    /// With a severity other than the rule's default.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }

    /// With help specific to this finding.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// What rules may depend on besides the object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    /// Target Kubernetes minor version (1.x).
    pub kube_minor: u32,
}

/// Runs every single-object rule on `object`.
pub fn check_object(object: &Object, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    match object {
        Object::Service(s) => service::check(s, ctx, &mut out),
        Object::Endpoints(e) => endpoints::check(e, ctx, &mut out),
        Object::EndpointSlice(s) => endpoint_slice::check(s, ctx, &mut out),
    }
    out
}
