//! Rule data for the service family.

use crate::validate::registry::Rule;

/// The service rules.
pub(crate) static RULES: &[Rule] = &[];
