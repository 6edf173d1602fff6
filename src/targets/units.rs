//! Units: every unit a quantity may carry, and conversion between units of one base.
//!
//! Each unit converts to a base unit (亿元 → 元, 公顷 → 亩, 万吨 → 斤) by a factor; two
//! units convert into each other only when they share a base, and a conversion that is not
//! finite is `None`. Count units (个, 家, 项…) are marked as classifiers.

/// A unit as written, the base unit it converts to and its worth in base units.
#[derive(Debug)]
pub(super) struct UnitDef {
    pub(super) name: &'static str,
    pub(super) base: &'static str,
    factor: f64,
    /// A classifier (个, 家): followed by a noun it counts things, not a target.
    pub(super) counted: bool,
}

const fn unit(name: &'static str, base: &'static str, factor: f64) -> UnitDef {
    UnitDef {
        name,
        base,
        factor,
        counted: false,
    }
}

const fn counted(name: &'static str) -> UnitDef {
    UnitDef {
        name,
        base: name,
        factor: 1.0,
        counted: true,
    }
}

/// Every unit a quantity may carry. The longest match wins, whatever the order.
const UNITS: &[UnitDef] = &[
    unit("万亿元", "元", 1e12),
    unit("亿元", "元", 1e8),
    unit("万元", "元", 1e4),
    unit("元", "元", 1.0),
    unit("亿美元", "美元", 1e8),
    unit("万美元", "美元", 1e4),
    unit("美元", "美元", 1.0),
    unit("%", "%", 1.0),
    unit("％", "%", 1.0),
    unit("个百分点", "百分点", 1.0),
    unit("百分点", "百分点", 1.0),
    unit("亿人次", "人次", 1e8),
    unit("万人次", "人次", 1e4),
    counted("人次"),
    unit("万人", "人", 1e4),
    counted("人"),
    UnitDef {
        name: "名",
        base: "人",
        factor: 1.0,
        counted: true,
    },
    unit("万个", "个", 1e4),
    counted("个"),
    unit("万家", "家", 1e4),
    counted("家"),
    unit("万户", "户", 1e4),
    counted("户"),
    counted("项"),
    unit("万件", "件", 1e4),
    counted("件"),
    unit("万套", "套", 1e4),
    counted("套"),
    counted("所"),
    unit("万张", "张", 1e4),
    counted("张"),
    unit("万次", "次", 1e4),
    counted("次"),
    unit("万辆", "辆", 1e4),
    counted("辆"),
    unit("万台", "台", 1e4),
    counted("台"),
    unit("万台次", "台次", 1e4),
    counted("台次"),
    counted("家次"),
    counted("座"),
    counted("条"),
    counted("处"),
    counted("场"),
    unit("万公顷", "亩", 1.5e5),
    unit("公顷", "亩", 15.0),
    unit("万亩", "亩", 1e4),
    unit("亩", "亩", 1.0),
    unit("平方公里", "平方公里", 1.0),
    unit("万平方米", "平方米", 1e4),
    unit("平方米", "平方米", 1.0),
    unit("万立方米", "立方米", 1e4),
    unit("立方米", "立方米", 1.0),
    unit("公里", "米", 1e3),
    unit("千米", "米", 1e3),
    unit("米", "米", 1.0),
    unit("万亿斤", "斤", 1e12),
    unit("亿斤", "斤", 1e8),
    unit("万斤", "斤", 1e4),
    unit("斤", "斤", 1.0),
    unit("公斤", "斤", 2.0),
    unit("千克", "斤", 2.0),
    unit("亿吨", "斤", 2e11),
    unit("万吨", "斤", 2e7),
    unit("吨", "斤", 2e3),
    unit("万千瓦", "千瓦", 1e4),
    unit("兆瓦", "千瓦", 1e3),
    unit("千瓦", "千瓦", 1.0),
    unit("亿千瓦时", "千瓦时", 1e8),
    unit("万千瓦时", "千瓦时", 1e4),
    unit("千瓦时", "千瓦时", 1.0),
];

pub(super) fn unit_at(text: &str, i: usize) -> Option<&'static UnitDef> {
    let rest = text.get(i..)?;
    UNITS
        .iter()
        .filter(|u| rest.starts_with(u.name))
        .max_by_key(|u| u.name.len())
}

fn unit_def(name: &str) -> Option<&'static UnitDef> {
    UNITS.iter().find(|u| u.name == name)
}

/// `value` in `from` units expressed in `to` units, if they measure the same thing.
pub(super) fn convert(value: f64, from: &str, to: &str) -> Option<f64> {
    if from == to {
        return Some(value);
    }
    let (f, t) = (unit_def(from)?, unit_def(to)?);
    (f.base == t.base)
        .then(|| value * f.factor / t.factor)
        .filter(|v| v.is_finite())
}
