//! Thai distributed justification: how the room left on a line is shared out.
//!
//! Spaces stretch first, until a word gap is [`MAX_SPACE_EM`] wide; what remains is
//! spread evenly between grapheme clusters, at most [`MAX_CLUSTER_GAP`] em each (never
//! between a base and its marks: a cluster is the unit), as Word's Thai Distributed
//! does; anything still left goes to the spaces alone, however wide that makes them,
//! because letter-spaced Thai ("เ ท ศ บ า ล") reads worse than a wide word gap. The
//! line breaker knows both limits and avoids such lines whenever it can.
//!
//! The room between clusters is added to the glyphs' advances (positioning), never
//! as space glyphs, and stays well under a tenth of an em, the gap text extraction
//! (poppler's) reads as a word break, even next to a mark drawn back over its
//! base: copied text gains no spaces. A line without spaces that would
//! need more than the cluster limit is spread to the limit and left that much short;
//! the line breaker counts such a line as bad as a line can be, and avoids it when
//! any other choice exists.
//!
//! Narrow areas (table cells under [`NARROW_MEASURE`]) justify only lines whose slack
//! is small ([`NARROW_SLACK`] em); the others are left-aligned, since a few words
//! cannot absorb a large gap gracefully.

/// The widest a word gap may grow (em) before clusters take over.
pub const MAX_SPACE_EM: f32 = 0.58;
/// The most extra room between two grapheme clusters, in em.
pub const MAX_CLUSTER_GAP: f32 = 0.08;
/// How far a space may shrink, as a share of its width.
pub const MAX_SPACE_SHRINK: f32 = 0.35;
/// Areas narrower than this (points, about 6 cm) justify only nearly full lines.
pub const NARROW_MEASURE: f32 = 170.0;
/// The most slack (em) a line of a narrow area may have and still be justified.
pub const NARROW_SLACK: f32 = 1.0;

/// Whether a line of an area `area_width` points wide, with `extra` points of slack at
/// `size` points, should be justified at all (see [`NARROW_MEASURE`]).
pub fn worth_justifying(area_width: f32, extra: f32, size: f32) -> bool {
    area_width >= NARROW_MEASURE || extra <= NARROW_SLACK * size
}

/// Extra room to add to each space and to each gap between clusters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distribution {
    /// Added to every space (negative when the line is shrunk).
    pub per_space: f32,
    /// Added after every grapheme cluster that is followed by another on the line.
    pub per_gap: f32,
}

/// How far a space `width` points wide in text of `size` points may grow before the
/// clusters take over.
pub fn space_growth(width: f32, size: f32) -> f32 {
    (MAX_SPACE_EM * size - width).max(0.0)
}

/// Shares `extra` points between `spaces` spaces of total natural width `space_width`
/// and `gaps` cluster gaps, for text of `size` points.
pub fn distribute(
    extra: f32,
    spaces: usize,
    space_width: f32,
    gaps: usize,
    size: f32,
) -> Distribution {
    let none = Distribution {
        per_space: 0.0,
        per_gap: 0.0,
    };
    if extra.abs() < 0.01 {
        return none;
    }
    if extra < 0.0 {
        // Overfull by a little: shrink spaces within their limit.
        if spaces == 0 {
            return none;
        }
        let most = space_width * MAX_SPACE_SHRINK;
        return Distribution {
            per_space: extra.max(-most) / spaces as f32,
            per_gap: 0.0,
        };
    }
    // 1. Spaces, within their comfortable growth.
    let space_room = space_growth(space_width, spaces as f32 * size).min(extra);
    let mut per_space = if spaces > 0 {
        space_room / spaces as f32
    } else {
        0.0
    };
    let rest = extra - per_space * spaces as f32;
    if rest <= 0.0 {
        return Distribution {
            per_space,
            per_gap: 0.0,
        };
    }
    // 2. Cluster gaps, capped.
    let cap = MAX_CLUSTER_GAP * size;
    if spaces == 0 {
        // Nothing else can take the rest: letter-space within the cap, and leave
        // what is still left at the end of the line (it stays a little short).
        return if gaps > 0 {
            Distribution {
                per_space: 0.0,
                per_gap: (rest / gaps as f32).min(cap),
            }
        } else {
            none
        };
    }
    let per_gap = if gaps > 0 {
        (rest / gaps as f32).min(cap)
    } else {
        0.0
    };
    // 3. Whatever is left widens the spaces, without limit.
    per_space += (rest - per_gap * gaps as f32) / spaces as f32;
    Distribution { per_space, per_gap }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_first_then_clusters() {
        // 3 spaces of 4 pt each may grow to 9.28 pt (0.58 em at 16 pt), taking
        // 15.84 pt; 20 pt extra leaves 4.16 pt for 100 gaps.
        let d = distribute(20.0, 3, 12.0, 100, 16.0);
        assert!((d.per_space - 5.28).abs() < 1e-4);
        assert!((d.per_gap - 0.0416).abs() < 1e-4);
        // no word gap past the limit while the clusters have room
        assert!(4.0 + d.per_space <= MAX_SPACE_EM * 16.0 + 1e-4);
    }

    #[test]
    fn small_extra_goes_to_spaces_only() {
        let d = distribute(6.0, 3, 12.0, 40, 16.0);
        assert!((d.per_space - 2.0).abs() < 1e-4);
        assert_eq!(d.per_gap, 0.0);
    }

    #[test]
    fn cluster_gaps_are_capped_and_spaces_take_the_rest() {
        // Spaces take 10.56 pt (to 9.28 pt each); 10 gaps take the cap each (1.28 pt
        // at 16 pt); the rest goes to the 2 spaces.
        let d = distribute(30.0, 2, 8.0, 10, 16.0);
        let rest = 30.0 - 10.56 - 10.0 * MAX_CLUSTER_GAP * 16.0;
        assert!(rest > 0.0);
        assert!((d.per_gap - MAX_CLUSTER_GAP * 16.0).abs() < 1e-4);
        assert!((d.per_space - (5.28 + rest / 2.0)).abs() < 1e-3);
        let total = d.per_space * 2.0 + d.per_gap * 10.0;
        assert!((total - 30.0).abs() < 1e-3);
    }

    #[test]
    fn letters_never_spread_past_the_cap() {
        // However large the slack, no gap between clusters exceeds the cap.
        for extra in [5.0, 50.0, 200.0] {
            for spaces in [0, 1, 4] {
                let d = distribute(extra, spaces, spaces as f32 * 4.0, 30, 16.0);
                assert!(
                    d.per_gap <= MAX_CLUSTER_GAP * 16.0 + 1e-4,
                    "{extra} {spaces} {d:?}"
                );
            }
        }
    }

    #[test]
    fn no_spaces_spreads_to_the_limit_and_no_further() {
        let d = distribute(50.0, 0, 0.0, 10, 16.0);
        assert_eq!(
            d,
            Distribution {
                per_space: 0.0,
                per_gap: MAX_CLUSTER_GAP * 16.0
            }
        );
        // Within the cap, a spaceless line is still filled.
        let d = distribute(5.0, 0, 0.0, 10, 16.0);
        assert!((d.per_gap - 0.5).abs() < 1e-4);
    }

    #[test]
    fn shrinking_is_limited() {
        let d = distribute(-10.0, 2, 8.0, 5, 16.0);
        assert!((d.per_space * 2.0 + 8.0 * MAX_SPACE_SHRINK).abs() < 1e-4);
        assert_eq!(d.per_gap, 0.0);
    }

    #[test]
    fn narrow_cells_justify_only_nearly_full_lines() {
        assert!(worth_justifying(400.0, 60.0, 16.0));
        assert!(!worth_justifying(120.0, 40.0, 14.0));
        assert!(worth_justifying(120.0, 10.0, 14.0));
    }
}
