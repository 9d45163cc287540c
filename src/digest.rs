//! Hashes of what pages are made from, so a rebuild can tell what changed.

/// Lets serde feed a hasher without building the text.
pub(crate) struct Feed(pub xxhash_rust::xxh3::Xxh3);

impl Feed {
    pub fn new() -> Feed {
        Feed(xxhash_rust::xxh3::Xxh3::new())
    }
}

impl std::io::Write for Feed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Feed `value`'s serde form to `f`.
pub(crate) fn feed<T: serde::Serialize + ?Sized>(f: &mut Feed, value: &T) {
    // Writing into a hasher cannot fail; a value that cannot be
    // serialised would fail the data downloads first.
    let _ = serde_json::to_writer(&mut *f, value);
}

/// The hash of `value`'s serde form.
pub(crate) fn hash<T: serde::Serialize + ?Sized>(value: &T) -> u64 {
    let mut f = Feed::new();
    feed(&mut f, value);
    f.0.digest()
}

thread_local! {
    /// Set while `hash_listed` runs on this thread.
    static LISTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a `hash_listed` runs on this thread (see `ArticleRef`).
pub(crate) fn listing() -> bool {
    LISTING.with(|l| l.get())
}

/// `hash`, with each hashed `ArticleRef` in `value` standing for its
/// fields: for views listing thousands of articles.
pub(crate) fn hash_listed<T: serde::Serialize + ?Sized>(value: &T) -> u64 {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            LISTING.with(|l| l.set(self.0));
        }
    }
    let _reset = Reset(LISTING.with(|l| l.replace(true)));
    hash(value)
}
