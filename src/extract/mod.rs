//! extract: CleanDoc -> Facts. Districts, the event, people and roles,
//! documents, figures; each fact with its evidence.

use crate::model::{CleanDoc, Facts};

/// Read the facts of one cleaned article. Pure.
pub fn extract(_doc: &CleanDoc, _gazetteer: &Gazetteer) -> Facts {
    Facts::default()
}

/// The district gazetteer (placeholder until the extract module lands).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer;

impl Gazetteer {
    pub fn builtin() -> Gazetteer {
        Gazetteer
    }
}

/// Apply an editor's sidecar corrections; returns the corrected field names,
/// or a message naming the bad key.
pub fn apply_corrections(
    _article: &mut crate::model::Article,
    _corrections: &crate::model::Corrections,
    _gazetteer: &Gazetteer,
) -> std::result::Result<Vec<String>, String> {
    Ok(Vec::new())
}
