//! The generator's input: what a user says about their external backend.
//! (Stub: fields are being filled in — see issue 2 for the contract.)

use serde::{Deserialize, Serialize};

/// Input of [`crate::generate::generate`]. Unknown fields are rejected.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExternalServiceSpec {
    /// Service name.
    #[serde(default)]
    pub name: String,
}
