//! Rule data (code, name, severity, category, What/Why/Example/Fix), one file per family,
//! so the checks stay short and the docs stay in one place per family.

#[allow(unused_imports)]
use super::registry::Rule;

mod cross;
mod endpoint_slice;
mod endpoints;
mod policy;
mod service;
mod spec;

pub(crate) use cross::RULES as CROSS;
pub(crate) use endpoint_slice::RULES as ENDPOINT_SLICE;
pub(crate) use endpoints::RULES as ENDPOINTS;
pub(crate) use policy::RULES as POLICY;
pub(crate) use service::RULES as SERVICE;
pub(crate) use spec::RULES as SPEC;
