//! Counting what two sorted sets of hashes share.
//!
//! Near-duplicate detection compares the shingle sets of every candidate
//! pair exactly, thousands of elements each: on a cold build of 5,000
//! articles that merge was the largest single item of the profile. Where
//! the CPU has AVX2, four elements of each set are compared with four of
//! the other at once; elsewhere, and for what is left over, a scalar merge.
//! Both count the same thing, so the output does not depend on the CPU.

/// How many elements `a` and `b` share. Both must be sorted ascending,
/// without repeats.
pub(crate) fn count_common(a: &[u64], b: &[u64]) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, just checked.
            return unsafe { count_common_avx2(a, b) };
        }
    }
    count_common_scalar(a, b)
}

/// A merge without branches on the comparison, which are unpredictable here
/// and cost more than the work itself.
fn count_common_scalar(a: &[u64], b: &[u64]) -> usize {
    let (mut x, mut y, mut common) = (0, 0, 0);
    while x < a.len() && y < b.len() {
        let (p, q) = (a[x], b[y]);
        common += usize::from(p == q);
        x += usize::from(p <= q);
        y += usize::from(q <= p);
    }
    common
}

/// The merge four by four: each block of `a` is compared with the block of
/// `b` and its three rotations, then the block whose last element is
/// smaller moves on (both, when equal). In sorted sets without repeats,
/// every shared element meets its twin in exactly one pair of blocks.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn count_common_avx2(a: &[u64], b: &[u64]) -> usize {
    use std::arch::x86_64::{
        __m256i, _mm256_castsi256_pd, _mm256_cmpeq_epi64, _mm256_loadu_si256, _mm256_movemask_pd,
        _mm256_or_si256, _mm256_permute4x64_epi64,
    };
    const LANES: usize = 4;
    let (mut x, mut y, mut common) = (0, 0, 0);
    while x + LANES <= a.len() && y + LANES <= b.len() {
        let (block_a, block_b) = (&a[x..x + LANES], &b[y..y + LANES]);
        // SAFETY: each slice holds four u64, the 32 bytes an unaligned
        // load reads.
        let (va, vb) = unsafe {
            (
                _mm256_loadu_si256(block_a.as_ptr().cast::<__m256i>()),
                _mm256_loadu_si256(block_b.as_ptr().cast::<__m256i>()),
            )
        };
        let rotated1 = _mm256_permute4x64_epi64::<0b00_11_10_01>(vb);
        let rotated2 = _mm256_permute4x64_epi64::<0b01_00_11_10>(vb);
        let rotated3 = _mm256_permute4x64_epi64::<0b10_01_00_11>(vb);
        let equal = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi64(va, vb), _mm256_cmpeq_epi64(va, rotated1)),
            _mm256_or_si256(
                _mm256_cmpeq_epi64(va, rotated2),
                _mm256_cmpeq_epi64(va, rotated3),
            ),
        );
        common += _mm256_movemask_pd(_mm256_castsi256_pd(equal)).count_ones() as usize;
        let (last_a, last_b) = (block_a[LANES - 1], block_b[LANES - 1]);
        x += LANES * usize::from(last_a <= last_b);
        y += LANES * usize::from(last_b <= last_a);
    }
    common + count_common_scalar(&a[x..], &b[y..])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sorted set without repeats: the values below `n * step` that
    /// `keep` accepts, spread by `step`.
    fn set(n: u64, step: u64, keep: impl Fn(u64) -> bool) -> Vec<u64> {
        (0..n).map(|i| i * step).filter(|&v| keep(v)).collect()
    }

    /// The count by definition, for checking.
    fn naive(a: &[u64], b: &[u64]) -> usize {
        a.iter().filter(|v| b.contains(v)).count()
    }

    #[test]
    fn counts_shared_elements_whatever_the_lengths_and_alignment() {
        let pairs = [
            (set(100, 1, |_| true), set(100, 2, |_| true)),
            (set(1000, 3, |v| v % 7 != 0), set(1000, 5, |v| v % 11 != 3)),
            (set(37, 1, |_| true), set(37, 1, |_| true)),
            (set(9, 1, |_| true), set(300, 1, |v| v % 2 == 0)),
            (vec![u64::MAX - 3, u64::MAX], vec![0, u64::MAX]),
            (vec![], set(10, 1, |_| true)),
            (set(5, 1, |_| true), set(5, 1, |v| v > 2)),
        ];
        for (a, b) in &pairs {
            // Every offset, so each tail length and block alignment occurs.
            for skip in 0..6.min(a.len() + 1) {
                let a = &a[skip..];
                let expected = naive(a, b);
                assert_eq!(count_common(a, b), expected, "{a:?} {b:?}");
                assert_eq!(count_common(b, a), expected);
                assert_eq!(count_common_scalar(a, b), expected);
            }
        }
    }

    #[test]
    fn disjoint_interleaved_sets_share_nothing() {
        let evens = set(500, 2, |_| true);
        let odds: Vec<u64> = evens.iter().map(|v| v + 1).collect();
        assert_eq!(count_common(&evens, &odds), 0);
        assert_eq!(count_common(&evens, &evens), 500);
    }
}
