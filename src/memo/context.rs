//! [`PageContext`]: a tera context that can also be fingerprinted, so a
//! page can be keyed by exactly what its template sees before (and instead
//! of) being rendered.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::fingerprint::Fingerprint;

/// A value of a [`PageContext`]: anything serde can serialise.
trait ContextValue {
    fn insert_into(&self, key: &'static str, ctx: &mut Context);
    fn hash_into(&self, f: &mut Fingerprint) -> bool;
}

impl<T: Serialize> ContextValue for T {
    fn insert_into(&self, key: &'static str, ctx: &mut Context) {
        ctx.insert(key, self);
    }

    fn hash_into(&self, f: &mut Fingerprint) -> bool {
        f.value(self)
    }
}

/// The values a page's template will see, kept as the view structs they
/// are (borrowed or owned), not yet converted to tera values: converting
/// copies every string, which a page taken from the memo never needs.
#[derive(Default)]
pub struct PageContext<'a> {
    /// By name, like tera's own context (a later insert replaces).
    values: BTreeMap<&'static str, Box<dyn ContextValue + 'a>>,
}

impl<'a> PageContext<'a> {
    /// An empty context.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key` to `value` (pass a reference to lend it).
    pub fn insert<T: Serialize + 'a>(&mut self, key: &'static str, value: T) {
        self.values.insert(key, Box::new(value));
    }

    /// Adds every name and value, in name order, to `f`; false when a
    /// value cannot be serialised.
    pub fn fingerprint(&self, f: &mut Fingerprint) -> bool {
        self.values.iter().all(|(key, value)| {
            f.part(key.as_bytes());
            value.hash_into(f)
        })
    }

    /// The tera context with these values.
    pub fn to_context(&self) -> Context {
        let mut ctx = Context::new();
        for (key, value) in &self.values {
            value.insert_into(key, &mut ctx);
        }
        ctx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Inserting into a PageContext gives the context inserting into tera's
    // would, a later value replacing an earlier one.
    #[test]
    fn makes_the_same_tera_context() {
        let list = vec!["a".to_string()];
        let mut page = PageContext::new();
        page.insert("title", "T");
        page.insert("list", &list);
        page.insert("n", 1);
        page.insert("n", 2);
        let mut ctx = Context::new();
        ctx.insert("title", "T");
        ctx.insert("list", &list);
        ctx.insert("n", &2);
        assert_eq!(page.to_context(), ctx);
    }

    // The fingerprint changes with any value and with the names.
    #[test]
    fn fingerprint_follows_names_and_values() {
        let key = |name: &'static str, value: &str| {
            let mut page = PageContext::new();
            page.insert(name, value.to_string());
            let mut f = Fingerprint::new();
            assert!(page.fingerprint(&mut f));
            f.key()
        };
        assert_eq!(key("a", "x"), key("a", "x"));
        assert_ne!(key("a", "x"), key("a", "y"));
        assert_ne!(key("a", "x"), key("b", "x"));
    }
}
