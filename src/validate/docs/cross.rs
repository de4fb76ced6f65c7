//! Rule data for the cross family.

use crate::validate::registry::Rule;

/// The cross rules.
pub(crate) static RULES: &[Rule] = &[];
