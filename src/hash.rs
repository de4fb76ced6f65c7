//! The hash maps of a run: foldhash (several times cheaper than SipHash under WASM,
//! issue 7) with a secret seed, so that input cannot be written to collide.
//!
//! Names, namespaces, keys and IP addresses come from the input, and with a known seed
//! foldhash collisions can be built at will (it does not claim resistance to that), which
//! would make interning and pairing quadratic. The seed is random: from the operating
//! system through std's `RandomState` natively, and from the JS engine's random numbers
//! in the WASM build (`wasm32-unknown-unknown` has no other source; `src/wasm.rs` passes
//! them in through [`add_entropy`] when the module starts).

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use foldhash::fast::SeedableRandomState;
use foldhash::SharedSeed;

/// A `HashMap` of the run.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, Seeded>;
/// A `HashSet` of the run.
pub(crate) type HashSet<T> = std::collections::HashSet<T, Seeded>;

/// Entropy from the embedder, mixed into the seed (0 until [`add_entropy`]).
static EXTRA: AtomicU64 = AtomicU64::new(0);
/// The seed every map of this process uses, made on first use.
static SEED: OnceLock<SharedSeed> = OnceLock::new();

/// Adds randomness from the embedder to the seed; only calls before the first map is made
/// count (the WASM binding calls it when the module starts).
#[cfg_attr(not(feature = "wasm"), allow(dead_code))]
pub(crate) fn add_entropy(bits: u64) {
    EXTRA.fetch_xor(bits, Ordering::Relaxed);
}

fn seed() -> &'static SharedSeed {
    SEED.get_or_init(|| {
        // Natively, std's keys come from the operating system's random source.
        let os = RandomState::new().hash_one(0x6578_7473_7663_u64);
        SharedSeed::from_u64(os ^ EXTRA.load(Ordering::Relaxed))
    })
}

/// The hasher builder of the run's maps.
#[derive(Clone)]
pub(crate) struct Seeded(SeedableRandomState);

impl Default for Seeded {
    fn default() -> Self {
        Seeded(SeedableRandomState::with_seed(0, seed()))
    }
}

impl BuildHasher for Seeded {
    type Hasher = <SeedableRandomState as BuildHasher>::Hasher;

    fn build_hasher(&self) -> Self::Hasher {
        self.0.build_hasher()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_of_one_process_hash_alike_and_the_seed_is_not_foldhash_s_fixed_one() {
        let (a, b) = (Seeded::default(), Seeded::default());
        assert_eq!(a.hash_one("mysql"), b.hash_one("mysql"));
        let fixed = SeedableRandomState::with_seed(0, SharedSeed::global_fixed());
        assert_ne!(a.hash_one("mysql"), fixed.hash_one("mysql"));
    }
}
