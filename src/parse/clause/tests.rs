use super::*;

/// The clause when `text` is nothing but a clause.
fn standalone(text: &str, line: usize, known: &[String]) -> Option<Clause> {
    split_trailing(text, line, known).and_then(|(rest, c)| rest.is_empty().then_some(c))
}

fn names(v: &[DeptName]) -> Vec<&str> {
    v.iter().map(DeptName::as_str).collect()
}

#[test]
fn lead_and_participants() {
    let line = "构建产业创新体系。(市科技局牵头,市发改委、市经信委、市商务局、市质监局等参与)";
    let (rest, c) = split_trailing(line, 7, &[]).unwrap();
    assert_eq!(rest, "构建产业创新体系。");
    assert_eq!(names(&c.lead), ["市科技局"]);
    assert_eq!(
        names(&c.participants),
        ["市发改委", "市经信委", "市商务局", "市质监局"]
    );
    assert_eq!(
        c.raw,
        "(市科技局牵头,市发改委、市经信委、市商务局、市质监局等参与)"
    );
    assert_eq!(c.line, 7);
}

#[test]
fn responsible_units() {
    let c = standalone("(责任单位:市科技局、市财政局、市人社局)", 1, &[]).unwrap();
    assert_eq!(names(&c.lead), ["市科技局"]);
    assert_eq!(names(&c.participants), ["市财政局", "市人社局"]);
}

#[test]
fn keyed_lead_and_cooperating() {
    let (rest, c) = split_trailing(
        "推进园区建设。(牵头单位:市发改委,配合单位:市财政局、市国土局)",
        1,
        &[],
    )
    .unwrap();
    assert_eq!(rest, "推进园区建设。");
    assert_eq!(names(&c.lead), ["市发改委"]);
    assert_eq!(names(&c.participants), ["市财政局", "市国土局"]);
    let (rest, c) =
        split_trailing("推进园区建设。牵头部门:市发改委；配合部门:市财政局", 1, &[]).unwrap();
    assert_eq!(rest, "推进园区建设。");
    assert_eq!(names(&c.lead), ["市发改委"]);
    assert_eq!(names(&c.participants), ["市财政局"]);
}

#[test]
fn ordinary_brackets_are_not_clauses() {
    assert!(split_trailing("新增创新型园区(镇)", 1, &[]).is_none());
    assert!(split_trailing("实现县(市)区全覆盖(基地)", 1, &[]).is_none());
    assert!(split_trailing("加快推进实施“不见面审批”(服务)", 1, &[]).is_none());
    assert!(standalone("(一)总体思路", 1, &[]).is_none());
}

#[test]
fn duty_and_guidance_verbs() {
    let c = standalone("(市场监管总局、工业和信息化部负责)", 1, &[]).unwrap();
    assert_eq!(names(&c.lead), ["市场监管总局", "工业和信息化部"]);
    let c = standalone("(生态环境部、交通运输部指导)", 1, &[]).unwrap();
    assert_eq!(names(&c.guiding), ["生态环境部", "交通运输部"]);
    assert!(c.lead.is_empty());
    assert!(standalone("(技工院校内由人力资源社会保障行政部门负责)", 1, &[]).is_none());
}

#[test]
fn first_listed_rule_note() {
    let mut c = standalone(
        "(工业和信息化部、发展改革委、科技部等负责。列第一位者为牵头单位,下同)",
        1,
        &[],
    )
    .unwrap();
    assert!(states_first_listed_rule(&c));
    first_listed_leads(&mut c);
    assert_eq!(names(&c.lead), ["工业和信息化部"]);
    assert_eq!(names(&c.participants), ["发展改革委", "科技部"]);
}

#[test]
fn several_clauses_in_one_paragraph() {
    let text =
        "建立制度(生态环境部牵头,农业农村部参与)。推进试点(商务部指导)。完善标准(市场监管总局负责)";
    let inner = inner_clauses(text, 3, &[]);
    assert_eq!(inner.len(), 2);
    let mut first = inner[0].clone();
    merge(&mut first, inner[1].clone());
    assert_eq!(names(&first.lead), ["生态环境部"]);
    assert_eq!(names(&first.guiding), ["商务部"]);
}

#[test]
fn a_list_grouped_by_commas_shares_the_verb_and_the_manner_is_no_name() {
    let c = standalone(
        "(人力资源社会保障部、发展改革委,各省级人民政府按职责分工负责)",
        3,
        &[],
    )
    .unwrap();
    assert_eq!(
        names(&c.lead),
        ["人力资源社会保障部", "发展改革委", "各省级人民政府"]
    );
    let c = standalone("(财政部、民政部等有关部门和单位按职责分工负责)", 3, &[]).unwrap();
    assert_eq!(names(&c.lead), ["财政部", "民政部"]);
    let c = standalone("(各有关部门和单位按职责分工负责)", 3, &[]).unwrap();
    assert_eq!(names(&c.lead), ["各有关部门和单位"]);
    // A bare `分工` is how the duty is shared too.
    let c = standalone("(省通信管理局、省工业和信息化厅分工负责)", 3, &[]).unwrap();
    assert_eq!(names(&c.lead), ["省通信管理局", "省工业和信息化厅"]);
    // A segment without a verb after the last verb: not a clause.
    assert!(standalone("(财政部负责,民政部)", 3, &[]).is_none());
}

#[test]
fn keyed_clause_with_a_collective_of_levels_and_etc_ending() {
    // The collective of two levels of government, after a comma, is one
    // co-operating unit.
    let c = standalone(
        "(牵头单位:市教育局,配合单位:市民政局、市残联,各区、县级市政府)",
        1,
        &[],
    )
    .unwrap();
    assert_eq!(names(&c.lead), ["市教育局"]);
    assert_eq!(
        names(&c.participants),
        ["市民政局", "市残联", "各区、县级市政府"]
    );
    // `…等部门` ends the list, not a name.
    let c = standalone(
        "(牵头单位:市政府办公厅,配合单位:市财政局、市监察局等部门)",
        1,
        &[],
    )
    .unwrap();
    assert_eq!(names(&c.participants), ["市财政局", "市监察局"]);
    // Several leads and no co-operating unit.
    let c = standalone("(牵头单位:市发展改革委、市财政局)", 1, &[]).unwrap();
    assert_eq!(names(&c.lead), ["市发展改革委", "市财政局"]);
    assert!(c.participants.is_empty());
    assert!(c.roles_stated);
}

#[test]
fn manner_of_sharing_is_not_part_of_the_last_name() {
    let c = standalone("(省商务厅牵头,省外办、省贸促会按职责分工配合)", 1, &[]).unwrap();
    assert_eq!(names(&c.lead), ["省商务厅"]);
    assert_eq!(names(&c.participants), ["省外办", "省贸促会"]);
    let c = standalone(
        "(合肥海关牵头,省港航集团、省机场集团按职责分工负责)",
        1,
        &[],
    )
    .unwrap();
    assert_eq!(names(&c.participants), ["省港航集团", "省机场集团"]);
}

#[test]
fn a_role_word_inside_a_name_is_not_the_verb() {
    let c = standalone(
        "(市产业推进组工作专班牵头单位牵头,市产业推进组工作专班成员单位按职责分工配合)",
        1,
        &[],
    )
    .unwrap();
    assert_eq!(names(&c.lead), ["市产业推进组工作专班牵头单位"]);
    assert_eq!(names(&c.participants), ["市产业推进组工作专班成员单位"]);
    let c = standalone("(市商务局牵头,市工作专班牵头单位按职责分工负责)", 1, &[]).unwrap();
    assert_eq!(names(&c.lead), ["市商务局"]);
    assert_eq!(names(&c.participants), ["市工作专班牵头单位"]);
    // A clause whose only `牵头` is inside a name reads by its verb.
    let c = standalone("(市工作专班牵头单位负责)", 1, &[]).unwrap();
    assert_eq!(names(&c.lead), ["市工作专班牵头单位"]);
}

/// A unit that carries the work out under another's lead or guidance is
/// implementing (corpus 12: `省大数据局牵头，省有关部门具体实施`; corpus 05:
/// `生态环境部指导，试点城市政府负责落实`), the role of an annex's `实施主体`
/// column; named alone, it answers for the work and leads.
#[test]
fn a_unit_carrying_the_work_out_under_a_lead_is_implementing() {
    let c = standalone("(省大数据局牵头,省有关部门具体实施)", 1, &[]).unwrap();
    assert_eq!(names(&c.lead), ["省大数据局"]);
    assert!(c.participants.is_empty());
    assert_eq!(names(&c.implementing), ["省有关部门"]);
    let c = standalone(
        "(生态环境部指导,试点城市政府负责落实。以下均需试点城市政府落实,不再列出)",
        1,
        &[],
    )
    .unwrap();
    assert_eq!(names(&c.guiding), ["生态环境部"]);
    assert!(c.lead.is_empty());
    assert_eq!(names(&c.implementing), ["试点城市政府"]);
    let c = standalone("(市发改委牵头,各区政府负责实施)", 1, &[]).unwrap();
    assert_eq!(names(&c.implementing), ["各区政府"]);
    // Alone, the unit that carries the work out leads.
    let c = standalone("(各区政府负责落实)", 1, &[]).unwrap();
    assert_eq!(names(&c.lead), ["各区政府"]);
    assert!(c.implementing.is_empty());
    let c = standalone("(市民政局组织实施)", 1, &[]).unwrap();
    assert_eq!(names(&c.lead), ["市民政局"]);
    // Taking part is not carrying out.
    let c = standalone("(市科技局牵头,市财政局配合)", 1, &[]).unwrap();
    assert_eq!(names(&c.participants), ["市财政局"]);
    assert!(c.implementing.is_empty());
}
