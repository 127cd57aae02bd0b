//! The site's redirects in the forms servers read, beside the meta-refresh
//! pages ([`crate::render::redirect_pages`]) that work on any host:
//!
//! - `_redirects.nginx.conf`: an nginx `map` from each old address to its
//!   new one, for the `http` block; the server block answers with
//!   `if ($gazette_redirect) { return 301 $gazette_redirect; }`
//!   (`docs/deploy.md`, `docs/nginx.conf`);
//! - `_redirects`: one `old new 301` line each, the format Netlify and
//!   Cloudflare Pages read from the published folder.
//!
//! Both are written at the top of the output folder so one upload carries
//! them. They only say what the redirect pages already say, so serving them
//! does no harm; the nginx configuration in `docs/` does not. Each old page
//! address is listed with and without its final `/` and as `…/index.html`,
//! the three forms a server is asked for; every address carries the site's
//! base path.

use crate::link::Urls;
use crate::render::{OutputFile, Redirect};

/// The nginx map's file name in the output folder.
pub const NGINX_MAP: &str = "_redirects.nginx.conf";
/// The static hosts' file name in the output folder.
pub const STATIC_HOST_MAP: &str = "_redirects";

/// Whether `path` (relative to the output folder) is one of these maps:
/// not a page, not locked, not in the sitemap.
pub fn is_map(path: &str) -> bool {
    path == NGINX_MAP || path == STATIC_HOST_MAP
}

/// The two maps of `redirects` (site-relative, as the lock plans them).
pub fn files(urls: &Urls, redirects: &[Redirect]) -> Vec<OutputFile> {
    let mut pairs = Vec::new();
    for rd in redirects {
        let to = urls.of_site(&rd.to);
        let from = urls.of_site(&rd.from);
        match from.strip_suffix('/') {
            Some(bare) => {
                pairs.push((bare.to_owned(), to.clone()));
                pairs.push((from.clone(), to.clone()));
                pairs.push((format!("{from}index.html"), to));
            }
            None => pairs.push((from, to)),
        }
    }
    let mut nginx = String::from(
        "# Written by `gazette build`: every old address of this site and where it went.\n\
         # Include in nginx's http block; the server block then answers\n\
         #   if ($gazette_redirect) { return 301 $gazette_redirect; }\n\
         # (docs/deploy.md).\n\
         map $uri $gazette_redirect {\n    default \"\";\n",
    );
    let mut hosts = String::from(
        "# Written by `gazette build`: every old address of this site and where it went\n\
         # (Netlify, Cloudflare Pages; docs/deploy.md).\n",
    );
    for (from, to) in &pairs {
        nginx.push_str(&format!("    \"{from}\" \"{to}\";\n"));
        hosts.push_str(&format!("{from} {to} 301\n"));
    }
    nginx.push_str("}\n");
    vec![
        OutputFile {
            path: NGINX_MAP.into(),
            bytes: nginx.into_bytes(),
            page: None,
        },
        OutputFile {
            path: STATIC_HOST_MAP.into(),
            bytes: hosts.into_bytes(),
            page: None,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_old_page_is_mapped_in_its_three_forms_under_the_base_path() {
        let urls = Urls::new("https://example.gov.cn", "/innovation/");
        let rd = Redirect {
            from: "/zh/targets/old/".into(),
            to: "/zh/targets/new/".into(),
        };
        let files = files(&urls, &[rd]);
        let nginx = String::from_utf8_lossy(&files[0].bytes);
        for from in ["old", "old/", "old/index.html"] {
            assert!(
                nginx.contains(&format!(
                    "    \"/innovation/zh/targets/{from}\" \"/innovation/zh/targets/new/\";\n"
                )),
                "{nginx}"
            );
        }
        assert!(nginx.starts_with("# ") && nginx.ends_with("}\n"));
        let hosts = String::from_utf8_lossy(&files[1].bytes);
        assert!(hosts.contains("\n/innovation/zh/targets/old/ /innovation/zh/targets/new/ 301\n"));
    }
}
