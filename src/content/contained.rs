//! The portal's own files stay the portal's: a symbolic link under
//! `content/` or `themes/` that resolves outside the portal root is
//! refused, so a contributor cannot publish (or leak into a page) a file
//! from elsewhere on the machine. Takes the portal root; gives one error
//! per such link. Links that stay inside the portal are fine.

use super::ContentError;
use std::path::Path;

/// Every symbolic link under `root/content` and `root/themes` that leaves
/// `root`, or that leads nowhere.
pub fn check(root: &Path) -> Vec<ContentError> {
    let Ok(home) = root.canonicalize() else {
        return Vec::new();
    };
    ["content", "themes"]
        .iter()
        .flat_map(|dir| walkdir::WalkDir::new(root.join(dir)).sort_by_file_name())
        .filter_map(Result::ok)
        .filter(|e| e.path_is_symlink())
        .filter_map(|e| {
            let path = e.path();
            let message = match path.canonicalize() {
                Ok(target) if target.starts_with(&home) => return None,
                Ok(target) => format!(
                    "a symbolic link to `{}`, outside the portal",
                    target.display()
                ),
                Err(e) => format!("a symbolic link that cannot be followed: {e}"),
            };
            Some(ContentError::invalid(
                path,
                0,
                message,
                "copy the file into the portal instead of linking to it",
            ))
        })
        .collect()
}
