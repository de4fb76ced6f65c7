//! Rule data for the endpoints family.

use crate::validate::registry::Rule;

/// The endpoints rules.
pub(crate) static RULES: &[Rule] = &[];
