//! Main text: which elements are kept, and which element holds the page's main text.
//!
//! Chrome is dropped with everything inside it: the elements of `DROPPED`, a `header` outside
//! an `article` or `main`, hidden elements, and elements other than `html`, `body`, `main`
//! and `article` whose class or id token contains a word of `CHROME_WORDS`. The main element
//! is the deepest `article` or element whose class or id contains a word of `CONTENT_WORDS`
//! that holds at least half of the kept text; the page's title line is the last `h1`–`h3` or
//! `title`-classed element with text before it and outside it.

use super::dom::{Child, Dom};
use super::render::is_space;

/// Elements dropped with their content wherever they are.
const DROPPED: &[&str] = &[
    "head", "title", "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe",
    "select", "button", "textarea", "template", "svg", "object", "embed", "canvas", "audio",
    "video", "map", "dialog",
];

/// Class or id words of navigation, headers, footers and share bars.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "menu",
    "foot",
    "header",
    "crumb",
    "share",
    "sidebar",
    "copyright",
];

/// Class or id words of the content box.
const CONTENT_WORDS: &[&str] = &["content", "article", "trs_editor", "trs_ueditor", "zoom"];

impl Dom {
    /// Which elements are kept: not dropped themselves, nor inside a dropped one.
    pub(super) fn kept(&self) -> Vec<bool> {
        let mut kept = vec![true; self.nodes.len()];
        let mut in_article = vec![false; self.nodes.len()];
        for (i, node) in self.nodes.iter().enumerate().skip(1) {
            let parent = node.parent;
            in_article[i] = in_article[parent]
                || matches!(self.nodes[parent].name.as_str(), "article" | "main");
            let name = node.name.as_str();
            let chrome_class = !matches!(name, "html" | "body" | "main" | "article")
                && node
                    .tokens
                    .iter()
                    .any(|t| CHROME_WORDS.iter().any(|w| t.contains(w)));
            let dropped = DROPPED.contains(&name)
                || (name == "header" && !in_article[i])
                || node.hidden
                || chrome_class;
            kept[i] = kept[parent] && !dropped;
        }
        kept
    }

    /// Characters other than white space in each element's kept text.
    pub(super) fn weights(&self, kept: &[bool]) -> Vec<usize> {
        let mut weights = vec![0; self.nodes.len()];
        for i in (0..self.nodes.len()).rev() {
            if !kept[i] {
                continue;
            }
            weights[i] += self.nodes[i]
                .children
                .iter()
                .map(|c| match c {
                    Child::Text(t) => t.chars().filter(|c| !is_space(*c)).count(),
                    Child::Element(_) => 0,
                })
                .sum::<usize>();
            if i > 0 {
                let parent = self.nodes[i].parent;
                weights[parent] += weights[i];
            }
        }
        weights
    }

    /// The deepest content element that holds at least half of the page's kept text.
    pub(super) fn main_element(&self, kept: &[bool], weights: &[usize]) -> Option<usize> {
        let total = weights[0];
        if total == 0 {
            return None;
        }
        let mut best: Option<(usize, usize)> = None;
        for (i, node) in self.nodes.iter().enumerate().skip(1) {
            let is_content = node.name == "article"
                || node
                    .tokens
                    .iter()
                    .any(|t| CONTENT_WORDS.iter().any(|w| t.contains(w)));
            if !kept[i] || !is_content || weights[i] * 2 < total {
                continue;
            }
            let depth = self.depth(i);
            if best.is_none_or(|(_, d)| depth > d) {
                best = Some((i, depth));
            }
        }
        best.map(|(i, _)| i)
    }

    fn depth(&self, mut i: usize) -> usize {
        let mut depth = 0;
        while i != 0 {
            i = self.nodes[i].parent;
            depth += 1;
        }
        depth
    }

    /// The last title-like element with text before `main` and outside it.
    pub(super) fn title_before(
        &self,
        main: usize,
        kept: &[bool],
        weights: &[usize],
    ) -> Option<usize> {
        (1..main).rev().find(|&i| {
            let node = &self.nodes[i];
            let is_title = matches!(node.name.as_str(), "h1" | "h2" | "h3")
                || node.tokens.iter().any(|t| t.contains("title"));
            is_title && kept[i] && weights[i] > 0 && !self.is_ancestor(i, main)
        })
    }

    fn is_ancestor(&self, a: usize, mut n: usize) -> bool {
        while n != 0 {
            n = self.nodes[n].parent;
            if n == a {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::html::test_support::text;

    /// Scripts, styles, navigation, headers, footers, forms, comments and hidden elements
    /// are dropped, and so are elements whose class or id names chrome.
    #[test]
    fn drops_chrome() {
        let page = r#"<!DOCTYPE html><html><head><title>标题_政府网</title>
            <style>p { color: red }</style><script>if (a < b) { document.write("</div>假") }</script>
            </head><body>
            <header>网站首页</header><nav><a href="/">首页</a><a>机构</a></nav>
            <div class="nav">导航</div><div id="Footer">底部</div><ul class="topMenu"><li>菜单</li></ul>
            <div class="bread-crumb">当前位置</div><div class="share-bar">分享到</div>
            <!-- <p>注释</p> --><p>正文一</p><noscript>请启用</noscript>
            <p style="display: none">隐藏</p><p hidden>也隐藏</p>
            <form><input value="x"><button>搜索</button><select><option>选项</option></select></form>
            <aside>侧栏</aside><iframe src="x">框架</iframe><p>正文二</p>
            <footer>版权所有 ICP备12345号</footer><script src="x.js"></script></body></html>"#;
        assert_eq!(text(page), "正文一\n正文二");
    }

    /// A header inside the article holds its title and is kept.
    #[test]
    fn keeps_the_article_header() {
        let page = "<header>站点</header><article><header><h1>某某镇工作总结</h1></header><p>正文</p></article>";
        assert_eq!(text(page), "某某镇工作总结\n正文");
    }

    /// The content box is read alone when it holds most of the text, after the title line.
    #[test]
    fn prefers_the_content_box() {
        let page = r#"<body><div class="wrap">
            <div class="pages-title">某园区2022年工作总结</div>
            <div class="info">发布时间：2022-10-01 浏览次数：100</div>
            <div class="pages_content" id="UCAP-CONTENT"><div class="TRS_Editor">
              <p>一、工作总结</p><p>1.项目招引协同推进。1-9月，园区新签约项目多个，总投资多亿元。</p>
              <p>2.有效投资稳步增长。1-9月，园区实现固定资产投资多亿元，其中工业投资多亿元。</p>
            </div></div>
            <div class="related"><a>相关链接一</a><a>相关链接二</a></div>
            </div></body>"#;
        assert_eq!(
            text(page),
            "某园区2022年工作总结\n一、工作总结\n1.项目招引协同推进。1-9月，园区新签约项目多个，总投资多亿元。\n\
             2.有效投资稳步增长。1-9月，园区实现固定资产投资多亿元，其中工业投资多亿元。"
        );
        // A content box holding less than half of the text is not preferred.
        let page = r#"<p>一段很长的正文，比内容框里的字多得多，多得多，多得多。</p><div class="content">短</div>"#;
        assert_eq!(
            text(page),
            "一段很长的正文，比内容框里的字多得多，多得多，多得多。\n短"
        );
    }
}
