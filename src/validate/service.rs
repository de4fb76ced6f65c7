//! Service rules (API-server validation after defaulting, and its warnings).

use k8s_openapi::api::core::v1::Service;

use super::{Context, Finding};

/// Collects the single-object findings for a Service.
pub(crate) fn check(_service: &Service, _ctx: &Context, _out: &mut Vec<Finding>) {}
