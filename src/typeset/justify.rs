//! Thai distributed justification: how the room left on a line is shared out.
//!
//! Spaces stretch first, up to [`MAX_SPACE_GROWTH`] of their width; what remains is
//! spread evenly between grapheme clusters, at most [`MAX_CLUSTER_GAP`] em each (never
//! between a base and its marks: a cluster is the unit); if that is still not enough,
//! the rest is shared equally by spaces and cluster gaps, so no single space opens
//! into a hole. A line without spaces that would need more than the cluster limit is
//! left short rather than letter-spaced into illegibility.

/// How far a space may grow before clusters take over, as a multiple of its width.
pub const MAX_SPACE_GROWTH: f32 = 1.0;
/// The most extra room between two grapheme clusters, in em.
pub const MAX_CLUSTER_GAP: f32 = 0.12;
/// How far a space may shrink, as a share of its width.
pub const MAX_SPACE_SHRINK: f32 = 0.35;

/// Extra room to add to each space and to each gap between clusters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distribution {
    /// Added to every space (negative when the line is shrunk).
    pub per_space: f32,
    /// Added after every grapheme cluster that is followed by another on the line.
    pub per_gap: f32,
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
    let space_room = (space_width * MAX_SPACE_GROWTH).min(extra);
    let per_space = if spaces > 0 {
        space_room / spaces as f32
    } else {
        0.0
    };
    let mut rest = extra - per_space * spaces as f32;
    let per_gap = if gaps > 0 {
        (rest / gaps as f32).min(MAX_CLUSTER_GAP * size)
    } else {
        0.0
    };
    rest -= per_gap * gaps as f32;
    if spaces > 0 && rest > 0.0 {
        let each = rest / (spaces + gaps) as f32;
        return Distribution {
            per_space: per_space + each,
            per_gap: per_gap + each,
        };
    }
    Distribution { per_space, per_gap }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_first_then_clusters() {
        // 3 spaces of 4 pt each may take 12 pt; 20 pt extra leaves 8 pt for 40 gaps.
        let d = distribute(20.0, 3, 12.0, 40, 16.0);
        assert!((d.per_space - 4.0).abs() < 1e-4);
        assert!((d.per_gap - 0.2).abs() < 1e-4);
    }

    #[test]
    fn small_extra_goes_to_spaces_only() {
        let d = distribute(6.0, 3, 12.0, 40, 16.0);
        assert!((d.per_space - 2.0).abs() < 1e-4);
        assert_eq!(d.per_gap, 0.0);
    }

    #[test]
    fn past_both_limits_spaces_and_gaps_share_the_rest() {
        // Spaces take 8 pt; 2 gaps take 0.12 em each = 3.84 pt at 16 pt; the other
        // 18.16 pt is shared by the 4 places alike.
        let d = distribute(30.0, 2, 8.0, 2, 16.0);
        assert!((d.per_gap - (1.92 + 18.16 / 4.0)).abs() < 1e-3);
        assert!((d.per_space - (4.0 + 18.16 / 4.0)).abs() < 1e-3);
        let total = d.per_space * 2.0 + d.per_gap * 2.0;
        assert!((total - 30.0).abs() < 1e-3);
    }

    #[test]
    fn no_spaces_leaves_line_short_past_the_limit() {
        let d = distribute(50.0, 0, 0.0, 10, 16.0);
        assert!((d.per_gap - 0.12 * 16.0).abs() < 1e-4);
    }

    #[test]
    fn shrinking_is_limited() {
        let d = distribute(-10.0, 2, 8.0, 5, 16.0);
        assert!((d.per_space * 2.0 + 8.0 * MAX_SPACE_SHRINK).abs() < 1e-4);
        assert_eq!(d.per_gap, 0.0);
    }
}
