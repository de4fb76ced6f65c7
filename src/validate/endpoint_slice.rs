//! EndpointSlice rules (API-server validation and warnings).

use k8s_openapi::api::discovery::v1::EndpointSlice;

use super::{Context, Finding};

/// Collects the single-object findings for an EndpointSlice.
pub(crate) fn check(_slice: &EndpointSlice, _ctx: &Context, _out: &mut Vec<Finding>) {}
