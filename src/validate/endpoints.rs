//! Endpoints rules (API-server validation and warnings).

use k8s_openapi::api::core::v1::Endpoints;

use super::{Context, Finding};

/// Collects the single-object findings for an Endpoints.
pub(crate) fn check(_endpoints: &Endpoints, _ctx: &Context, _out: &mut Vec<Finding>) {}
