//! What keeps the summaries small on large runs: strings stored once per run, and object
//! references without owned strings.
//!
//! A Service, its Endpoints and the label of its slices name the same Service, objects of
//! one namespace repeat its name, and kinds and protocols are a handful of values: each is
//! kept once and shared (`Rc<str>`, 16 bytes, against 24 plus an allocation per copy).

use crate::hash::HashSet;
use std::rc::Rc;

use crate::diagnostic::ObjectRef;

use super::{ObjectAt, ObjectAtRef};

/// The strings of one run, each stored once.
#[derive(Debug, Default)]
pub(super) struct Strings(HashSet<Rc<str>>);

impl Strings {
    /// The shared copy of `s`.
    pub fn get(&mut self, s: &str) -> Rc<str> {
        if let Some(shared) = self.0.get(s) {
            return Rc::clone(shared);
        }
        let shared: Rc<str> = Rc::from(s);
        self.0.insert(Rc::clone(&shared));
        shared
    }

    /// The shared copy of `s`, if any.
    pub fn opt(&mut self, s: Option<&str>) -> Option<Rc<str>> {
        s.map(|s| self.get(s))
    }

    /// [`Self::get`], answered by `known` when it already holds `s`: an object's name and
    /// namespace are needed several times, and comparing is cheaper than hashing.
    pub fn reuse(&mut self, known: Option<&Rc<str>>, s: &str) -> Rc<str> {
        match known {
            Some(k) if **k == *s => Rc::clone(k),
            _ => self.get(s),
        }
    }
}

/// An [`ObjectAt`] as a summary keeps it: shared strings, 32-bit indices. Turned back into
/// an [`ObjectAt`] only for the objects a finding is placed on.
#[derive(Clone, Debug)]
pub(super) struct At {
    file: u32,
    index: u32,
    kind: Rc<str>,
    namespace: Option<Rc<str>>,
    name: Option<Rc<str>>,
}

impl At {
    pub fn new(at: ObjectAtRef<'_>, strings: &mut Strings) -> At {
        At {
            // Inputs and documents are counted in u32 (the wasm build's usize) at most.
            file: u32::try_from(at.file).unwrap_or(u32::MAX),
            index: u32::try_from(at.index).unwrap_or(u32::MAX),
            kind: strings.get(at.kind),
            namespace: strings.opt(at.namespace),
            name: strings.opt(at.name),
        }
    }

    /// The name, as shared.
    pub fn name(&self) -> Option<&Rc<str>> {
        self.name.as_ref()
    }

    /// The namespace, as shared.
    pub fn namespace(&self) -> Option<&Rc<str>> {
        self.namespace.as_ref()
    }

    /// The object as it was added.
    pub fn object_at(&self) -> ObjectAt {
        ObjectAt {
            file: self.file as usize,
            object: ObjectRef {
                kind: self.kind.to_string(),
                namespace: self.namespace.as_deref().map(str::to_string),
                name: self.name.as_deref().map(str::to_string),
                index: self.index as usize,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_is_stored_once() {
        let mut strings = Strings::default();
        let a = strings.get("db");
        let b = strings.get("db");
        assert!(Rc::ptr_eq(&a, &b));
        assert_eq!(&*strings.get("other"), "other");
        assert_eq!(strings.opt(None), None);
    }

    #[test]
    fn a_known_copy_is_reused_only_when_it_holds_the_string() {
        let mut strings = Strings::default();
        let db = strings.get("db");
        assert!(Rc::ptr_eq(&strings.reuse(Some(&db), "db"), &db));
        let other = strings.reuse(Some(&db), "other");
        assert_eq!(&*other, "other");
        assert!(Rc::ptr_eq(&other, &strings.get("other")));
        assert!(Rc::ptr_eq(&strings.reuse(None, "db"), &db));
    }

    #[test]
    fn an_object_comes_back_as_added() {
        let at = ObjectAt {
            file: 3,
            object: ObjectRef {
                kind: "Service".into(),
                namespace: Some(String::new()),
                name: None,
                index: 7,
            },
        };
        let mut strings = Strings::default();
        assert_eq!(
            At::new(ObjectAtRef::from(&at), &mut strings).object_at(),
            at
        );
    }
}
