"""A realistic, fully scored sample audit: the app's embedded default and the tests' fixture.

The client and its people are fictional. Results follow the default GB/T 27922 scheme; for any
other scheme every item is scored generically so the demo still runs end to end.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from PIL import Image, ImageDraw

from auditor_app.core.results import ItemResult
from auditor_app.core.scheme import Item
from auditor_app.services.audits import AuditService, ClientInfo
from auditor_app.services.planning import draw_audit_sample
from auditor_app.store.audit_store import AuditStore

CLIENT = ClientInfo(
    name="杭州恒信家电服务有限公司",
    address="浙江省杭州市滨江区江南大道 1888 号",
    contact="周敏 0571-8888 6600",
    representative="陈志远（总经理）",
)
SITES = [
    {
        "name": "总部售后服务中心（滨江）",
        "address": "杭州市滨江区江南大道 1888 号",
        "is_central": True,
        "headcount": 96,
        "visited": True,
    },
    {"name": "西湖服务网点", "address": "杭州市西湖区文三路 77 号", "headcount": 28},
    {"name": "萧山服务网点", "address": "杭州市萧山区市心中路 219 号", "headcount": 31},
    {
        "name": "余杭服务网点",
        "address": "杭州市余杭区临平大道 56 号",
        "headcount": 26,
        "visited": True,
    },
    {
        "name": "宁波服务网点",
        "address": "宁波市鄞州区天童南路 300 号",
        "headcount": 24,
        "visited": True,
    },
    {
        "name": "绍兴服务网点",
        "address": "绍兴市越城区解放北路 12 号",
        "headcount": 19,
        "visited": True,
    },
    {"name": "嘉兴服务网点（委托）", "address": "嘉兴市南湖区中山东路 8 号", "headcount": 16},
]
TEAM = [
    {"name": "王建国", "role": "leader"},
    {"name": "李晓梅", "role": "member"},
    {"name": "赵磊", "role": "expert"},
]
HEADCOUNT = {
    "full_time": 240,
    "part_time": 30,
    "part_time_hours": 20,
    "temporary": 10,
    "contractors": 12,
    "service_mgmt_staff": 36,
    "certified_managers": 3,
    "adjustments": [
        ["7 个服务网点分布在 3 个城市 / outlets in three cities", 10],
        ["服务体系成熟、上年度内审完整 / mature system, complete internal audits", -5],
    ],
    # IAF MD 1: time at each sampled outlet reduced, at most 50 %
    "site_reduction_percent": 50,
    "site_reduction_reason": "各网点执行总部统一的服务流程和信息系统，集中管理 / every outlet "
    "runs head office's single service process and system, managed centrally",
}
AUDIT_FIELDS = {
    "report_number": "HX-ASS-2026-0117",
    "scope": "家用电器（空调、冰箱、洗衣机）的销售及售后服务：配送、安装、维修、退换货、"
    "顾客服务与投诉处理 / Sales and after-sales service of household appliances "
    "(air conditioners, refrigerators, washing machines): delivery, installation, "
    "repair, returns, customer service and complaint handling",
    "objectives": "依据 GB/T 27922-2011 评价受审核方售后服务体系的符合性与有效性，确定评价得分"
    "和星级 / Evaluate conformity and effectiveness of the after-sales service "
    "system against GB/T 27922-2011 and determine the score and level",
    "start_date": "2026-11-23",
    "end_date": "2026-11-25",
    "deviations": "随机抽中的嘉兴网点（委托）因装修暂停营业，经受审核方确认改为审核余杭网点。 / "
    "The randomly drawn Jiaxing outlet was closed for refurbishment; Yuhang was "
    "visited instead, as agreed with the client.",
    "unresolved": "无 / None",
    "changes_since_last": "初次认证，不适用 / Initial certification: not applicable",
    "previous_followup": "初次认证，无以往不符合项 / Initial certification: no earlier "
    "nonconformities",
    "marks_use": "尚未获证，未发现提前使用认证标志的情况 / Not yet certified; no premature "
    "use of certification marks found",
    "others_present": "周敏（客服部经理，向导）、陈志远（总经理，首末次会议） / Zhou Min (customer "
    "service manager, guide); Chen Zhiyuan (general manager, opening and closing meetings)",
    "objectives_met": "met",
    "scope_appropriate": "yes",
    "audit_combination": "single",
    "programme_issues": "无影响审核方案的重要问题。 / No significant issues affecting the audit "
    "programme.",
    "time_deviation_reason": "样本：第二阶段完成 6 个审核员人日，少于计划；"
    "认证机构已安排补充现场审核。"
    " / Sample: stage 2 took 6 auditor-days, fewer than planned; the CB has scheduled a "
    "follow-up visit for the rest.",
    "actual_time": [
        {"name": n, "date": d, "site": s, "mode": m, "stage": g, "days": 1}
        for n, d, s, m, g in (
            ("王建国", "2026-11-09", "总部售后服务中心（滨江）", "offsite", "1"),
            ("王建国", "2026-11-10", "总部售后服务中心（滨江）", "onsite", "1"),
            ("李晓梅", "2026-11-10", "总部售后服务中心（滨江）", "onsite", "1"),
            ("王建国", "2026-11-23", "总部售后服务中心（滨江）", "onsite", "2"),
            ("李晓梅", "2026-11-23", "总部售后服务中心（滨江）", "onsite", "2"),
            ("赵磊", "2026-11-23", "总部售后服务中心（滨江）", "onsite", "2"),
            ("王建国", "2026-11-24", "宁波服务网点", "onsite", "2"),
            ("李晓梅", "2026-11-24", "绍兴服务网点", "onsite", "2"),
            ("赵磊", "2026-11-24", "宁波服务网点", "onsite", "2"),
            ("王建国", "2026-11-25", "余杭服务网点", "onsite", "2"),
            ("李晓梅", "2026-11-25", "总部售后服务中心（滨江）", "onsite", "2"),
        )
    ],
    "recommendation": "建议在 5.1.2.2 不符合项整改验证后，推荐授予四星级证书。 / The team "
    "recommends a four-star certificate once the 5.1.2.2 nonconformity "
    "is verified as rectified.",
}

# Results for the default scheme that differ from "conforming"; all others conform.
SPECIAL: dict[str, tuple[ItemResult, str]] = {
    "5.1.1.2": (
        ItemResult("sampled", sampled=6, nonconforming=0),
        "抽查 6 个网点：授权书、服务协议和考核记录均有效。",
    ),
    "5.1.2.1": (
        ItemResult("sampled", sampled=12, nonconforming=1),
        "抽查 12 份人员档案，1 名维修技师（工号 HX0457）制冷作业证已过期 3 个月。",
    ),
    "5.1.2.2": (
        ItemResult("nonconform"),
        "服务管理人员 36 人，按 10% 应配备售后服务管理师 4 人，实有持证 3 人，不满足要求。",
    ),
    "5.1.3.3": (
        ItemResult("sampled", sampled=4, nonconforming=0),
        "观察 4 个场所：检测设备均在校准有效期内，备件库账物相符。",
    ),
    "5.1.4.2": (
        ItemResult("sampled", sampled=10, nonconforming=1),
        "面谈 10 名员工，1 名新入职客服不了解三包规定中的退换货时限。",
    ),
    "5.1.6.3": (
        ItemResult("graded", points=Decimal(1)),
        "持有 ISO 9001 证书 1 张（有效），未取得其他相关认证。",
    ),
    "5.1.6.4": (
        ItemResult("graded", points=Decimal("0.5")),
        "发布企业标准 1 项（上门服务规范），未参与行业标准起草。",
    ),
    "5.1.7.3": (
        ItemResult("graded", points=Decimal(2)),
        "年度宣传计划已实施，含社区服务日 6 场及媒体报道 2 篇。",
    ),
    "5.2.1.1": (
        ItemResult("sampled", sampled=8, nonconforming=0),
        "抽查 8 个型号的说明书、铭牌和保修卡，与技术参数一致。",
    ),
    "5.2.3.1": (
        ItemResult("sampled", sampled=20, nonconforming=1),
        "抽查 20 张配送单，1 单超出承诺时限 1 天且未提前通知顾客。",
    ),
    "5.2.3.3": (
        ItemResult("sampled", sampled=15, nonconforming=0),
        "抽查 15 张安装单，均有顾客验收签字，安装人员持证。",
    ),
    "5.2.4.1": (
        ItemResult("sampled", sampled=25, nonconforming=2),
        "抽查 25 张维修工单，2 张未记录更换备件编号。",
    ),
    "5.2.4.2": (
        ItemResult("sampled", sampled=25, nonconforming=1),
        "抽查 25 张维修工单，1 单超过 72 小时承诺时限且无延期说明。",
    ),
    "5.2.5.2": (
        ItemResult("sampled", sampled=10, nonconforming=0),
        "抽查 10 份退换货和保修记录，均按承诺履行。",
    ),
    "5.2.6.2": (
        ItemResult(
            "na",
            reason="受审核方不从事废旧家电拆解处置，回收后整体交由制造商处理，"
            "处置环节不在评价范围内。",
        ),
        "与制造商的回收协议已查阅。",
    ),
    "5.3.1.3": (
        ItemResult("sampled", sampled=30, nonconforming=3),
        "抽查 30 条回访记录，3 条无回访结果记录。",
    ),
    "5.3.1.4": (
        ItemResult("graded", points=Decimal("1.5")),
        "有会员制度和节日关怀，但缺少效果评价。",
    ),
    "5.3.2.3": (
        ItemResult("sampled", sampled=16, nonconforming=1),
        "抽查 16 份投诉案卷，1 份结案前未回访顾客。",
    ),
}
FINDINGS: list[dict[str, Any]] = [
    {
        "kind": "minor",
        "item_id": "5.1.2.2",
        "text": "售后服务管理师配备不足：应配 4 人，实有 3 人。 / Certified after-sales service "
        "managers: 3 held, 4 required (10 % of 36 service-management staff).",
        "evidence": "服务管理人员名单（2026-11）、证书复印件 3 份",
        "rectification": "补充培训取证或聘用持证人员，并提交证书及在职证明。",
        "deadline": "2027-02-28",
    },
    {
        "kind": "minor",
        "item_id": "5.1.2.1",
        "text": "1 名维修技师制冷作业证过期仍在岗作业。 / One technician works with an expired "
        "refrigerant handling certificate.",
        "evidence": "人员档案 HX0457；维修工单 WX-2026-10-3312",
        "rectification": "安排复审取证，建立证书到期预警。",
        "deadline": "2027-01-31",
    },
    {
        "kind": "observation",
        "item_id": "5.3.1.3",
        "text": "回访记录缺少结果字段，建议在系统中设为必填。 / Return-visit records lack a "
        "mandatory result field.",
    },
    {
        "kind": "special_deduction",
        "item_id": "5.1.7.2",
        "text": "门店公示的保修期（整机 1 年）与保修卡（整机 3 年）不一致，"
        "违反企业自身服务承诺。 / "
        "The warranty period posted in the Xihu shop differs from the warranty card.",
        "evidence": "西湖网点公示牌照片；保修卡样本",
        "rectification": "统一各载体的服务承诺并自查全部网点。",
        "deadline": "2026-12-31",
    },
    {
        "kind": "bonus",
        "text": "自建备件共享平台，覆盖全部网点，备件平均到位时间 6 小时，优于行业水平。 / A spare "
        "parts sharing platform across all outlets: parts arrive in 6 hours on average.",
    },
]
PHOTOS = [
    ("5.1.3.3", "备件库货架与出入库标识 / Spare parts store", (46, 104, 160)),
    ("5.1.7.2", "西湖网点保修期公示牌 / Warranty notice, Xihu outlet", (170, 60, 50)),
    ("5.3.2.1", "投诉渠道公示 / Complaint channels on display", (60, 130, 80)),
]


def demo_photo(color: tuple[int, int, int], seed: int) -> bytes:
    """A plain drawn picture standing in for a site photo (no camera files ship with the app)."""
    image = Image.new("RGB", (1600, 1200), (235, 235, 230))
    draw = ImageDraw.Draw(image)
    for n in range(6):
        top = 120 + n * 170
        draw.rectangle(
            (120 + seed * 20, top, 1480, top + 120), fill=color, outline=(30, 30, 30), width=6
        )
    draw.ellipse((1250, 60, 1500, 310), fill=(250, 200, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def _note(item: Item) -> str:
    evidence = item.evidence_zh.rstrip("。") or item.requirement_zh.rstrip("。")
    return f"已查阅/观察：{evidence}。符合要求。"


def _methods(item: Item) -> list[str]:
    if item.judged == "proportional":
        return ["document_review", "interview", "observation"]
    return ["document_review", "interview"]


def create_demo(store: AuditStore, scheme_ref: str | None = None) -> int:
    """Create the sample audit in one transaction and return its id."""
    service = AuditService(store)
    with store.transaction():
        audit_id = service.create_audit(
            CLIENT, "initial", scheme_ref, headcount=HEADCOUNT, **AUDIT_FIELDS
        )
        store.mark_sample(audit_id)  # may be signed with the shipped example CB identity
        store.replace_sites(audit_id, SITES)
        store.replace_team(audit_id, TEAM)
        # a fixed seed keeps the demo reproducible; a real audit records a fresh one
        draw_audit_sample(store, audit_id, seed=20261123, preselected=["宁波服务网点"])
        scheme = service.scheme(audit_id)
        for item in scheme.items:
            result, note = SPECIAL.get(item.id, (ItemResult("conform"), _note(item)))
            service.record(audit_id, item.id, result)
            store.set_note(audit_id, item.id, note)
            store.set_methods(audit_id, item.id, _methods(item))
        for finding in FINDINGS:
            fields = dict(finding)
            if fields.get("item_id") and not scheme.has_item(fields["item_id"]):
                fields["item_id"] = None
            service.add_finding(audit_id, fields.pop("kind"), fields.pop("text"), **fields)
        for n, (item_id, caption, color) in enumerate(PHOTOS):
            target = item_id if scheme.has_item(item_id) else None
            store.add_attachment(
                audit_id, target, demo_photo(color, n), f"IMG_2026112{n}.jpg", caption
            )
    return audit_id
