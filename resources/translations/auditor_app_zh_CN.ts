<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;New audit…</source>
        <translation>新建审核(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Restore a &amp;backup…</source>
        <translation>恢复备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Signing &amp;keys…</source>
        <translation>签名密钥(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Trusted certificates…</source>
        <translation>受信任的证书(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Audits list</source>
        <translation>审核列表(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>审核信息(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Scoring</source>
        <translation>评分(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Trail</source>
        <translation>变更记录(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Duplicate as next surveillance audit</source>
        <translation>复制为下一次监督审核(&amp;D)</translation>
    </message>
    <message>
        <source>New &amp;revision…</source>
        <translation>新建修订版(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>归档(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Export signed report…</source>
        <translation>导出签名报告(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Print score sheet…</source>
        <translation>打印评分表(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Verify a PDF…</source>
        <translation>验证 PDF 签名(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Import package…</source>
        <translation>导入审核包(&amp;I)…</translation>
    </message>
    <message>
        <source>Export &amp;package…</source>
        <translation>导出审核包(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Merge team member&apos;s package…</source>
        <translation>合并成员包(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Committee review</source>
        <translation>评审委员会(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Find in all audits…</source>
        <translation>在所有审核中查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Recent audits</source>
        <translation>最近的审核</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>审核(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>报告(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Auditor</source>
        <translation>售后服务认证审核</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>The database {path} cannot be opened:

{reason}</source>
        <translation>无法打开数据库 {path}：

{reason}</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Recent audits</source>
        <translation>最近的审核</translation>
    </message>
</context>
<context>
    <name>AppFont</name>
    <message>
        <source>No Chinese font was found, so Chinese text may show as empty boxes. {details}</source>
        <translation>未找到中文字体，中文可能显示为方框。{details}</translation>
    </message>
    <message>
        <source>The Chinese font {path} could not be loaded.</source>
        <translation>无法加载中文字体 {path}。</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>← Audits</source>
        <translation>← 审核列表</translation>
    </message>
    <message>
        <source>New revision…</source>
        <translation>新建修订版…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>审核信息</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>The scoring workspace is not part of this build.</source>
        <translation>此版本不含评分工作区。</translation>
    </message>
    <message>
        <source>Trail</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <source>This audit was signed on {date} and is read-only. To change anything, start a new revision; the signed one stays as it is.</source>
        <translation>本审核已于 {date} 签署，只读。如需修改，请新建修订版；已签署的版本保持不变。</translation>
    </message>
</context>
<context>
    <name>AuditsModel</name>
    <message>
        <source>Client</source>
        <translation>受审核方</translation>
    </message>
    <message>
        <source>Report no.</source>
        <translation>报告编号</translation>
    </message>
    <message>
        <source>Audit type</source>
        <translation>审核类型</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最后修改</translation>
    </message>
    <message>
        <source>Audit {id} · {uid}</source>
        <translation>审核 {id} · {uid}</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>{level} (so far)</source>
        <translation>{level}（暂定）</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>{problem}

Restore the backup of {when}? Work done after it is lost; the damaged file is kept next to it under another name.</source>
        <translation>{problem}

是否恢复 {when} 的备份？该备份之后所做的工作将丢失；损坏的文件会以其他名称保留在原位置。</translation>
    </message>
</context>
<context>
    <name>CertificateActions</name>
    <message>
        <source>Certificate decision</source>
        <translation>证书决定</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Reduce scope</source>
        <translation>缩小范围</translation>
    </message>
    <message>
        <source>Extend scope</source>
        <translation>扩大范围</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>理由（必填）</translation>
    </message>
    <message>
        <source>The new scope</source>
        <translation>新的认证范围</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Give the reason.</source>
        <translation>请说明理由。</translation>
    </message>
    <message>
        <source>Give the date.</source>
        <translation>请填写日期。</translation>
    </message>
</context>
<context>
    <name>CertificatesModel</name>
    <message>
        <source>Certificate</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>State</source>
        <translation>证书状态</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>发证</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Next surveillance</source>
        <translation>下次监督审核窗口</translation>
    </message>
    <message>
        <source>Recertification due</source>
        <translation>再认证申请截止</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>none: recertify next</source>
        <translation>无（下次为再认证）</translation>
    </message>
</context>
<context>
    <name>ChangesModel</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Merged value</source>
        <translation>合并后</translation>
    </message>
</context>
<context>
    <name>CliHints</name>
    <message>
        <source>add its certificate to the trusted certificates to trust it</source>
        <translation>将其证书加入受信任的证书即可信任</translation>
    </message>
    <message>
        <source>add the CB&apos;s CA or the sender&apos;s certificate to the trusted certificates</source>
        <translation>将认证机构的 CA 证书或发送人的证书加入受信任的证书</translation>
    </message>
    <message>
        <source>recipient&apos;s signing key</source>
        <translation>接收方的签名密钥</translation>
    </message>
    <message>
        <source>start a new revision (Audit ▸ New revision…)</source>
        <translation>开始新修订（审核 ▸ 新修订…）</translation>
    </message>
    <message>
        <source>(tick “Allow a signer who is not on the audit team”)</source>
        <translation>（勾选“允许非审核组成员签署”）</translation>
    </message>
    <message>
        <source>Export anyway</source>
        <translation>仍然导出</translation>
    </message>
    <message>
        <source>Audit ▸ Merge team member&apos;s package…</source>
        <translation>审核 ▸ 合并成员包…</translation>
    </message>
</context>
<context>
    <name>CommitteeView</name>
    <message>
        <source>Review committee</source>
        <translation>评审委员会</translation>
    </message>
    <message>
        <source>Search client, report, signer</source>
        <translation>搜索客户、报告编号、签名人</translation>
    </message>
    <message>
        <source>Show superseded</source>
        <translation>显示已被取代的修订版</translation>
    </message>
    <message>
        <source>Trusted certificates…</source>
        <translation>受信任的证书…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Received reports</source>
        <translation>收到的报告</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Verifying the reports&apos; signatures…</source>
        <translation>正在验证报告签名…</translation>
    </message>
    <message>
        <source>Recording the decision…</source>
        <translation>正在记录决定…</translation>
    </message>
    <message>
        <source>Trusting {n} certificate(s)</source>
        <translation>信任 {n} 个证书</translation>
    </message>
    <message>
        <source>⚠ No trusted certificate set</source>
        <translation>⚠ 未设置受信任的证书</translation>
    </message>
    <message>
        <source>{reports} report(s), {pending} pending, {failing} failing verification; {certs} certificate(s), {overdue} overdue.</source>
        <translation>{reports} 份报告，{pending} 份待决定，{failing} 份未通过验证；{certs} 张证书，{overdue} 张逾期。</translation>
    </message>
    <message>
        <source>Certificates as of {day}</source>
        <translation>证书（截至 {day}）</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的（组长）</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>对方（成员）</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Theirs: {name}</source>
        <translation>对方：{name}</translation>
    </message>
    <message>
        <source>✔ Keep mine</source>
        <translation>✔ 保留我的</translation>
    </message>
    <message>
        <source>✔ Take theirs</source>
        <translation>✔ 采用对方的</translation>
    </message>
    <message>
        <source>? Undecided</source>
        <translation>？待决定</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Pick a date (F4)</source>
        <translation>选择日期 (F4)</translation>
    </message>
    <message>
        <source>“{text}” is not a date: type it as 2027-02-14 (2027/2/14 or 20270214 work too).</source>
        <translation>“{text}”不是日期：请输入如 2027-02-14（2027/2/14 或 20270214 亦可）。</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>Committee decision</source>
        <translation>评定决定</translation>
    </message>
    <message>
        <source>Select a report on the left.</source>
        <translation>在左侧选择一份报告。</translation>
    </message>
    <message>
        <source>e.g. CB-2026-001</source>
        <translation>例如 CB-2026-001</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>评定意见（可选）</translation>
    </message>
    <message>
        <source>Outstanding results: reason (optional)</source>
        <translation>成绩特别显著的理由（可选）</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Certificate no.</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发证日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Level override</source>
        <translation>等级条件豁免</translation>
    </message>
    <message>
        <source>Record decision</source>
        <translation>记录决定</translation>
    </message>
    <message>
        <source>Current: {decision}</source>
        <translation>当前：{decision}</translation>
    </message>
    <message>
        <source>⚠ The report&apos;s signature does not verify</source>
        <translation>⚠ 报告签名未通过验证</translation>
    </message>
    <message>
        <source>Open nonconformities: {n}</source>
        <translation>未关闭的不符合项：{n}</translation>
    </message>
    <message>
        <source>A newer revision supersedes this one: decide on the newest.</source>
        <translation>这是已被取代的修订版：请对最新修订版作决定。</translation>
    </message>
    <message>
        <source>An approval issues the certificate for 3 years and starts its surveillance cycle.</source>
        <translation>批准后证书有效期三年，并安排监督审核。</translation>
    </message>
    <message>
        <source>Surveillance or special audit: give the number of the certificate it keeps going.</source>
        <translation>监督/特殊审核：沿用已发证书的编号。</translation>
    </message>
    <message>
        <source>An approval needs the certificate number.</source>
        <translation>批准需要证书编号。</translation>
    </message>
    <message>
        <source>Give the date.</source>
        <translation>请填写日期。</translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <source>Client</source>
        <translation>受审核方</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Representative</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Report number</source>
        <translation>报告编号</translation>
    </message>
    <message>
        <source>Audit type</source>
        <translation>审核类型</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>审核准则</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>认证范围</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>审核目的</translation>
    </message>
    <message>
        <source>Audit team</source>
        <translation>审核组</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Sites and outlets</source>
        <translation>场所与服务网点</translation>
    </message>
    <message>
        <source>Central function</source>
        <translation>中心职能</translation>
    </message>
    <message>
        <source>Headcount</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Add site</source>
        <translation>添加场所</translation>
    </message>
    <message>
        <source>Report texts</source>
        <translation>报告内容</translation>
    </message>
    <message>
        <source>Deviations from the plan</source>
        <translation>与审核计划的偏离</translation>
    </message>
    <message>
        <source>Unresolved issues</source>
        <translation>未解决的问题</translation>
    </message>
    <message>
        <source>Changes since the last audit</source>
        <translation>自上次审核以来的变化</translation>
    </message>
    <message>
        <source>Follow-up of earlier nonconformities</source>
        <translation>以往不符合项的跟踪</translation>
    </message>
    <message>
        <source>Use of certificates and marks</source>
        <translation>证书和标志的使用</translation>
    </message>
    <message>
        <source>Others present</source>
        <translation>其他在场人员</translation>
    </message>
    <message>
        <source>Team recommendation</source>
        <translation>审核组推荐意见</translation>
    </message>
    <message>
        <source>{title} · version {version} · {hash}</source>
        <translation>{title} · 版本 {version} · {hash}</translation>
    </message>
    <message>
        <source>The client&apos;s name is required.</source>
        <translation>必须填写受审核方名称。</translation>
    </message>
    <message>
        <source>Edit client details</source>
        <translation>修改受审核方信息</translation>
    </message>
    <message>
        <source>Edit audit details</source>
        <translation>修改审核信息</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>Edit headcount</source>
        <translation>修改人数</translation>
    </message>
    <message>
        <source>Give each row a name; rows without one are not saved yet.</source>
        <translation>请为每一行填写名称；没有名称的行暂不保存。</translation>
    </message>
    <message>
        <source>Edit sites</source>
        <translation>修改场所</translation>
    </message>
    <message>
        <source>Edit audit team</source>
        <translation>修改审核组</translation>
    </message>
    <message>
        <source>Enter the headcount below to determine the audit time.</source>
        <translation>请在下方填写人数构成以确定审核时间。</translation>
    </message>
    <message>
        <source>The site list or the sample size changed after this draw: draw again.</source>
        <translation>抽样后场所清单或抽样数已变化：请重新抽样。</translation>
    </message>
    <message>
        <source>Draw outlets</source>
        <translation>抽取网点</translation>
    </message>
</context>
<context>
    <name>DrawDialog</name>
    <message>
        <source>Draw the outlets to visit</source>
        <translation>抽取要走访的网点</translation>
    </message>
    <message>
        <source>{size} outlet(s) are visited; at least {random} are drawn at random. Tick up to {free} you choose for their risk (complaints, size, last findings).</source>
        <translation>走访 {size} 个网点；其中至少 {random} 个随机抽取。最多可按风险（投诉、规模、上次发现）自选 {free} 个。</translation>
    </message>
    <message>
        <source>e.g. the client added two outlets</source>
        <translation>例如：客户新增了两个网点</translation>
    </message>
    <message>
        <source>A draw is recorded already (seed {seed}). Drawing again replaces it; the old draw stays in the trail. Why draw again?</source>
        <translation>已记录一次抽样（种子 {seed}）。重新抽样将取代它，原抽样保留在审核记录中。为何重新抽样？</translation>
    </message>
    <message>
        <source>Draw again</source>
        <translation>重新抽样</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Tick at most {free}: the rest must be drawn at random.</source>
        <translation>最多勾选 {free} 个：其余必须随机抽取。</translation>
    </message>
    <message>
        <source>Say why the recorded draw is replaced.</source>
        <translation>请说明为何取代已记录的抽样。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export signed report</source>
        <translation>导出签名报告</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Keys…</source>
        <translation>密钥…</translation>
    </message>
    <message>
        <source>Create a trial key, import your CB&apos;s key, choose one</source>
        <translation>创建试用密钥、导入认证机构颁发的密钥、选择一个</translation>
    </message>
    <message>
        <source>Key file (.p12)</source>
        <translation>密钥文件（.p12）</translation>
    </message>
    <message>
        <source>USB key (token)</source>
        <translation>USB 密钥（令牌）</translation>
    </message>
    <message>
        <source>The token driver&apos;s PKCS#11 library (.dll), from its installer</source>
        <translation>USB 密钥驱动的 PKCS#11 库（.dll），由其安装程序提供</translation>
    </message>
    <message>
        <source>Find tokens</source>
        <translation>查找 USB 密钥</translation>
    </message>
    <message>
        <source>The name in the key is matched against the audit team.</source>
        <translation>按密钥中的姓名与审核组成员核对。</translation>
    </message>
    <message>
        <source>Allow a signer who is not on the audit team</source>
        <translation>允许非审核组成员签署</translation>
    </message>
    <message>
        <source>Role printed in the report and stamp</source>
        <translation>报告和签章上显示的角色</translation>
    </message>
    <message>
        <source>Clear signature</source>
        <translation>清除签名</translation>
    </message>
    <message>
        <source>Remember this signature</source>
        <translation>记住此签名</translation>
    </message>
    <message>
        <source>Sign with</source>
        <translation>签名方式</translation>
    </message>
    <message>
        <source>Signing key (.p12)</source>
        <translation>签名密钥（.p12）</translation>
    </message>
    <message>
        <source>USB key</source>
        <translation>USB 密钥</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签署人</translation>
    </message>
    <message>
        <source>Save report as</source>
        <translation>报告保存为</translation>
    </message>
    <message>
        <source>Signing locks the audit: later changes need a new revision.</source>
        <translation>签署后审核将被锁定：之后的修改需新建修订版。</translation>
    </message>
    <message>
        <source>Reason for signing anyway (recorded in the audit trail)</source>
        <translation>仍要签名的理由（记入审核记录）</translation>
    </message>
    <message>
        <source>Sign and export</source>
        <translation>签署并导出</translation>
    </message>
    <message>
        <source>Handwritten signature (optional)</source>
        <translation>手写签名（可选）</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Token driver library</source>
        <translation>USB 密钥驱动库</translation>
    </message>
    <message>
        <source>PKCS#11 libraries (*.dll *.so *.dylib)</source>
        <translation>PKCS#11 库 (*.dll *.so *.dylib)</translation>
    </message>
    <message>
        <source>No USB key is plugged in.</source>
        <translation>没有插入 USB 密钥。</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Key files (*.p12 *.pfx)</source>
        <translation>密钥文件 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Give the token driver&apos;s library and the USB key&apos;s label (Find tokens).</source>
        <translation>请填写 USB 密钥驱动库和 USB 密钥的标签（查找 USB 密钥）。</translation>
    </message>
    <message>
        <source>Choose your signing key, or create or import one with “Keys…”.</source>
        <translation>请选择签名密钥，或用“密钥…”创建或导入一个。</translation>
    </message>
    <message>
        <source>Enter the USB key&apos;s PIN.</source>
        <translation>请输入 USB 密钥的 PIN 码。</translation>
    </message>
    <message>
        <source>Give a reason to sign anyway, then press “Sign and export”.</source>
        <translation>请填写仍要签名的理由，然后按“签名并导出”。</translation>
    </message>
    <message>
        <source>Enter the key&apos;s passphrase.</source>
        <translation>请输入密钥密码。</translation>
    </message>
    <message>
        <source>Report export needs the package {package}, which this copy lacks.</source>
        <translation>导出报告需要软件包 {package}，此副本中缺少。</translation>
    </message>
    <message>
        <source>Report export cannot be loaded: {error}</source>
        <translation>无法加载报告导出：{error}</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>请选择报告保存位置。</translation>
    </message>
    <message>
        <source>Press “Sign and export” again to sign anyway, or correct the text first.</source>
        <translation>再次点击“签名并导出”仍签署，或先修改这些文字。</translation>
    </message>
</context>
<context>
    <name>ExportPackageDialog</name>
    <message>
        <source>Export audit package</source>
        <translation>导出审核包</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Kind of package</source>
        <translation>包的类型</translation>
    </message>
    <message>
        <source>The whole audit (a revision), for the leader or the committee</source>
        <translation>整个审核（修订版）：给组长或评审委员会</translation>
    </message>
    <message>
        <source>My part, for the team leader to merge</source>
        <translation>成员包：我负责的部分，由组长合并</translation>
    </message>
    <message>
        <source>e.g. 5.2, 5.3.1 — empty: all items</source>
        <translation>例如 5.2, 5.3.1 — 留空为全部</translation>
    </message>
    <message>
        <source>Only items</source>
        <translation>只含条目</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Encrypt for the review committee</source>
        <translation>加密给评审委员会</translation>
    </message>
    <message>
        <source>Recipient certificate</source>
        <translation>接收方证书</translation>
    </message>
    <message>
        <source>Save package as</source>
        <translation>保存审核包</translation>
    </message>
    <message>
        <source>Signing key (.p12)</source>
        <translation>签名密钥 (.p12)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Recipient (.pem)</source>
        <translation>接收方证书 (.pem)</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Email size limit: {limit}</source>
        <translation>邮件大小上限：{limit}</translation>
    </message>
    <message>
        <source>Opening the key…</source>
        <translation>正在打开密钥…</translation>
    </message>
    <message>
        <source>Building and signing the package…</source>
        <translation>正在打包并签名…</translation>
    </message>
    <message>
        <source>Checking the size…</source>
        <translation>正在检查大小…</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>正在写入文件…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Write anyway</source>
        <translation>仍然写入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose where to save the package.</source>
        <translation>请选择保存位置。</translation>
    </message>
    <message>
        <source>Choose the committee&apos;s certificate.</source>
        <translation>请选择评审委员会的证书。</translation>
    </message>
    <message>
        <source>Package size: {size} (email limit {limit})</source>
        <translation>包大小：{size}（邮件上限 {limit}）</translation>
    </message>
    <message>
        <source>⚠ The package is {size}, over your email limit of {limit}: most mail servers will refuse it. Nothing has been written yet. Write it anyway (for a shared folder or a USB stick), or close and export fewer items.</source>
        <translation>⚠ 审核包有 {size}，超过邮件大小上限 {limit}，多数邮件服务器会拒收。文件尚未写入。</translation>
    </message>
    <message>
        <source>Team member package</source>
        <translation>成员包</translation>
    </message>
    <message>
        <source>Signed revision</source>
        <translation>已签名修订版</translation>
    </message>
    <message>
        <source>Draft revision</source>
        <translation>草稿修订版</translation>
    </message>
    <message>
        <source>✔ Written: {path}</source>
        <translation>✔ 已写入：{path}</translation>
    </message>
    <message>
        <source> · encrypted</source>
        <translation> · 已加密</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Wrong passphrase for this key: type it again.</source>
        <translation>密码不正确，请重新输入。</translation>
    </message>
    <message>
        <source>Enter the key&apos;s passphrase.</source>
        <translation>请输入密钥的密码。</translation>
    </message>
</context>
<context>
    <name>FileRow</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>HandoffDialog</name>
    <message>
        <source>Export signed report</source>
        <translation>导出已签名报告</translation>
    </message>
    <message>
        <source>The signed report was saved to
{path}</source>
        <translation>已签名报告已保存到
{path}</translation>
    </message>
    <message>
        <source>review committee&apos;s address</source>
        <translation>评审委员会的地址</translation>
    </message>
    <message>
        <source>Attach a package…</source>
        <translation>附加数据包…</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Email to the committee</source>
        <translation>发送邮件给评审委员会</translation>
    </message>
    <message>
        <source>{size:.1f} MB to send (email limit {limit:.0f} MB).</source>
        <translation>待发送 {size:.1f} MB（邮件上限 {limit:.0f} MB）。</translation>
    </message>
    <message>
        <source>Too large for most mail servers: share the folder instead, or send the package separately.</source>
        <translation>文件过大，多数邮件服务器无法接收：请改为共享文件夹，或单独发送数据包。</translation>
    </message>
    <message>
        <source>Attach a package</source>
        <translation>附加数据包</translation>
    </message>
</context>
<context>
    <name>Headcount</name>
    <message>
        <source>Give the part-time staff&apos;s average hours per week.</source>
        <translation>请填写兼职人员的平均每周工时。</translation>
    </message>
    <message>
        <source>More than the {n} full-time, temporary and contractor persons.</source>
        <translation>超过了全职、临时和外包人员合计 {n} 人。</translation>
    </message>
    <message>
        <source>Give the number these staff are counted as.</source>
        <translation>请填写这些人员按多少人计算。</translation>
    </message>
    <message>
        <source>Cannot be more than the {n} similar-function staff.</source>
        <translation>不能多于 {n} 名相似职能人员。</translation>
    </message>
    <message>
        <source>Counting fewer persons needs a justification.</source>
        <translation>按较少人数计算需要说明理由。</translation>
    </message>
    <message>
        <source>Every adjustment needs a reason.</source>
        <translation>每项调整都需要说明理由。</translation>
    </message>
</context>
<context>
    <name>HeadcountSection</name>
    <message>
        <source>Headcount (for audit person-days)</source>
        <translation>人数构成（用于确定审核人日）</translation>
    </message>
    <message>
        <source>Sampling of outlets allowed (IAF MD 1)</source>
        <translation>允许对服务网点抽样（IAF MD 1）</translation>
    </message>
    <message>
        <source> h/week</source>
        <translation> 小时/周</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 人日</translation>
    </message>
    <message>
        <source>Why they may be counted as fewer persons</source>
        <translation>可按较少人数计算的理由</translation>
    </message>
    <message>
        <source>Adjustment reason</source>
        <translation>调整理由</translation>
    </message>
    <message>
        <source>±%</source>
        <translation>±%</translation>
    </message>
    <message>
        <source>Add adjustment</source>
        <translation>添加调整</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Full-time staff</source>
        <translation>全职人员</translation>
    </message>
    <message>
        <source>Verified on site (full-time)</source>
        <translation>现场核实人数（全职）</translation>
    </message>
    <message>
        <source>Part-time staff</source>
        <translation>兼职人员</translation>
    </message>
    <message>
        <source>Part-time hours</source>
        <translation>兼职每周工时</translation>
    </message>
    <message>
        <source>Temporary staff</source>
        <translation>临时人员</translation>
    </message>
    <message>
        <source>Contractors in scope</source>
        <translation>范围内外包人员</translation>
    </message>
    <message>
        <source>Similar-function staff</source>
        <translation>从事相似简单职能的人员</translation>
    </message>
    <message>
        <source>…counted as</source>
        <translation>…按人数计为</translation>
    </message>
    <message>
        <source>Service-management staff</source>
        <translation>服务管理人员</translation>
    </message>
    <message>
        <source>Certified service managers</source>
        <translation>售后服务管理师</translation>
    </message>
    <message>
        <source>Planned audit days</source>
        <translation>计划审核人日</translation>
    </message>
    <message>
        <source>Reason for counting fewer</source>
        <translation>减少计数的理由</translation>
    </message>
    <message>
        <source>Adjustments (risk, complexity, sites …; total reduction at most 30 %)</source>
        <translation>调整（风险、复杂程度、场所数量等；合计减少不超过 30%）</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Audits</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Search client, report no., type, status …</source>
        <translation>搜索受审核方、报告编号、审核类型、状态…</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>显示已归档</translation>
    </message>
    <message>
        <source>New audit…</source>
        <translation>新建审核…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Next surveillance audit</source>
        <translation>下一次监督审核</translation>
    </message>
    <message>
        <source>Start the next surveillance audit of this client from the selected audit</source>
        <translation>以所选审核为基础，开始该受审核方的下一次监督审核</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>No audits yet. Start one with “New audit…”.</source>
        <translation>还没有审核。请点击“新建审核…”开始。</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>取消归档</translation>
    </message>
    <message>
        <source>Start next surveillance audit</source>
        <translation>开始下一次监督审核</translation>
    </message>
</context>
<context>
    <name>IdentityBanner</name>
    <message>
        <source>Who is working? Your name is written in the audit trail with every change and decision, and leads the team of new audits.</source>
        <translation>谁在工作？您的姓名会随每次更改和决定写入审核记录，并作为新审核的审核组成员。</translation>
    </message>
    <message>
        <source>Your name, as in your certificate</source>
        <translation>您的姓名（与证书一致）</translation>
    </message>
    <message>
        <source>Save name</source>
        <translation>保存姓名</translation>
    </message>
    <message>
        <source>Set up signing key…</source>
        <translation>设置签名密钥…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>请输入您的姓名。</translation>
    </message>
    <message>
        <source>Thank you, {name}. To sign reports you need a signing key: import the one your CB issued (.p12/.pfx) or create a trial key.</source>
        <translation>谢谢，{name}。签署报告需要签名密钥：请导入认证机构颁发的密钥（.p12/.pfx）或创建试用密钥。</translation>
    </message>
</context>
<context>
    <name>ImportPackageDialog</name>
    <message>
        <source>Import audit package</source>
        <translation>导入审核包</translation>
    </message>
    <message>
        <source>Audit package</source>
        <translation>审核包</translation>
    </message>
    <message>
        <source>Trusted certificates (the CB&apos;s CA or the sender&apos;s)</source>
        <translation>受信任的证书（认证机构 CA 或发送人）</translation>
    </message>
    <message>
        <source>Encrypted package: my key</source>
        <translation>加密包：我的密钥</translation>
    </message>
    <message>
        <source>My key</source>
        <translation>我的密钥</translation>
    </message>
    <message>
        <source>Key (.p12)</source>
        <translation>密钥 (.p12)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>审核包</translation>
    </message>
    <message>
        <source>Verifying signature and content…</source>
        <translation>正在验证签名和内容…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Choose a package and press Import.</source>
        <translation>选择审核包后按“导入”。</translation>
    </message>
    <message>
        <source>Valid signature</source>
        <translation>签名有效</translation>
    </message>
    <message>
        <source>Trusted signer</source>
        <translation>签名人可信</translation>
    </message>
    <message>
        <source>Intact content</source>
        <translation>内容完整</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签名人</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>加密</translation>
    </message>
    <message>
        <source>Backup before import</source>
        <translation>导入前备份</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose the package file.</source>
        <translation>请选择审核包。</translation>
    </message>
    <message>
        <source>There is no file {path}</source>
        <translation>文件不存在：{path}</translation>
    </message>
    <message>
        <source>✘ Not imported</source>
        <translation>✘ 未导入</translation>
    </message>
    <message>
        <source>Nothing was changed in the database.</source>
        <translation>数据库未作任何更改。</translation>
    </message>
    <message>
        <source>Choose the key the package was encrypted for and its passphrase above, then import again.</source>
        <translation>请在上方选择加密给你的密钥并输入密码，然后再次导入。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>audit {id} here</source>
        <translation>本库中的审核 {id}</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <source>Signing keys</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Create trial key…</source>
        <translation>创建试用密钥…</translation>
    </message>
    <message>
        <source>Import CB key (.p12/.pfx)…</source>
        <translation>导入认证机构密钥 (.p12/.pfx)…</translation>
    </message>
    <message>
        <source>Use for signing</source>
        <translation>用于签名</translation>
    </message>
    <message>
        <source>Export certificate…</source>
        <translation>导出证书…</translation>
    </message>
    <message>
        <source>Change passphrase…</source>
        <translation>更改口令…</translation>
    </message>
    <message>
        <source>Keys in {folder}</source>
        <translation>{folder} 中的密钥</translation>
    </message>
    <message>
        <source>self-signed</source>
        <translation>自签名</translation>
    </message>
    <message>
        <source> — {name} · valid until {date} · {issuer}</source>
        <translation> — {name} · 有效期至 {date} · {issuer}</translation>
    </message>
    <message>
        <source>No key yet: create a trial key or import yours.</source>
        <translation>尚无密钥：请创建试用密钥或导入您的密钥。</translation>
    </message>
    <message>
        <source>{path}
Used for signing.</source>
        <translation>{path}
用于签名。</translation>
    </message>
    <message>
        <source>Certificate written to {path}. Send it to the review committee.</source>
        <translation>证书已写入 {path}。请将其发送给评审委员会。</translation>
    </message>
    <message>
        <source>Import the key your CB issued</source>
        <translation>导入认证机构颁发的密钥</translation>
    </message>
    <message>
        <source>Key files (*.p12 *.pfx)</source>
        <translation>密钥文件 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Import key</source>
        <translation>导入密钥</translation>
    </message>
    <message>
        <source>Passphrase of {name}:</source>
        <translation>{name} 的口令：</translation>
    </message>
    <message>
        <source>Export certificate</source>
        <translation>导出证书</translation>
    </message>
    <message>
        <source>Certificate (*.pem)</source>
        <translation>证书 (*.pem)</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>更改口令</translation>
    </message>
    <message>
        <source>Current passphrase:</source>
        <translation>当前口令：</translation>
    </message>
    <message>
        <source>New passphrase:</source>
        <translation>新口令：</translation>
    </message>
    <message>
        <source>New passphrase again:</source>
        <translation>再次输入新口令：</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>The passphrase of {name} was changed.</source>
        <translation>{name} 的口令已更改。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Initial audit</source>
        <translation>初次认证审核</translation>
    </message>
    <message>
        <source>Surveillance audit</source>
        <translation>监督审核</translation>
    </message>
    <message>
        <source>Recertification audit</source>
        <translation>再认证审核</translation>
    </message>
    <message>
        <source>Special audit</source>
        <translation>特殊审核</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>已签署</translation>
    </message>
    <message>
        <source>revision {n}</source>
        <translation>修订版 {n}</translation>
    </message>
    <message>
        <source>created</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>recorded</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>attached</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>移除附件</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>unarchived</source>
        <translation>取消归档</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>签署</translation>
    </message>
    <message>
        <source>new revision</source>
        <translation>新建修订版</translation>
    </message>
    <message>
        <source>audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>client</source>
        <translation>受审核方</translation>
    </message>
    <message>
        <source>sites</source>
        <translation>场所</translation>
    </message>
    <message>
        <source>team</source>
        <translation>审核组</translation>
    </message>
    <message>
        <source>result</source>
        <translation>评分结果</translation>
    </message>
    <message>
        <source>note</source>
        <translation>证据记录</translation>
    </message>
    <message>
        <source>methods</source>
        <translation>审核方法</translation>
    </message>
    <message>
        <source>finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>photo/file</source>
        <translation>照片/文件</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Auditor — after-sales service certification</source>
        <translation>售后服务认证审核</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <source>&amp;Undo {action}</source>
        <translation>撤销“{action}”(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {action}</source>
        <translation>重做“{action}”(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Cannot open the audit</source>
        <translation>无法打开审核</translation>
    </message>
    <message>
        <source>Un&amp;archive</source>
        <translation>取消归档(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>归档(&amp;A)</translation>
    </message>
    <message>
        <source>✓ All changes saved</source>
        <translation>✓ 所有更改已保存</translation>
    </message>
    <message>
        <source>✓ All changes saved {time}</source>
        <translation>✓ 所有更改已保存 {time}</translation>
    </message>
    <message>
        <source>● Not saved yet…</source>
        <translation>● 尚未保存…</translation>
    </message>
    <message>
        <source>✗ Not saved — see the message in the form</source>
        <translation>✗ 未保存——请查看表单中的提示</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>These entries could not be saved:

{entries}

They are still in the form. Discard them and go on?</source>
        <translation>以下内容未能保存：

{entries}

它们仍在表单中。放弃这些内容并继续吗？</translation>
    </message>
    <message>
        <source>Cannot start the surveillance audit</source>
        <translation>无法开始监督审核</translation>
    </message>
    <message>
        <source>Surveillance audit started from audit {id}.</source>
        <translation>已基于审核 {id} 开始监督审核。</translation>
    </message>
    <message>
        <source>Cannot archive the audit</source>
        <translation>无法归档审核</translation>
    </message>
    <message>
        <source>Export signed report</source>
        <translation>导出签名报告</translation>
    </message>
    <message>
        <source>Writing and signing the report…</source>
        <translation>正在生成并签署报告…</translation>
    </message>
    <message>
        <source>Signed report saved: {path}</source>
        <translation>签名报告已保存：{path}</translation>
    </message>
    <message>
        <source>The report could not be exported</source>
        <translation>无法导出报告</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>There is no backup yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <source>Backup to restore:</source>
        <translation>要恢复的备份：</translation>
    </message>
    <message>
        <source>Replace the database with the backup of {when}? Changes made since then are not in it; the current database is kept beside it under a new name.</source>
        <translation>用 {when} 的备份替换当前数据库吗？此后所做的更改不在备份中；当前数据库会以新名称保留在旁边。</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Auditor databases (*.sqlite *.db);;All files (*)</source>
        <translation>审核数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Auditor {version}
Offline field app for GB/T 27922-2011 after-sales service certification audits.</source>
        <translation>售后服务认证审核 {version}
用于 GB/T 27922-2011 商品售后服务认证现场审核的离线应用。</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge a team member&apos;s package</source>
        <translation>合并成员包</translation>
    </message>
    <message>
        <source>Package: {name}</source>
        <translation>审核包：{name}</translation>
    </message>
    <message>
        <source>Verifying the package and comparing…</source>
        <translation>正在验证成员包并比较…</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>正在合并…</translation>
    </message>
    <message>
        <source>Merged automatically</source>
        <translation>自动合并</translation>
    </message>
    <message>
        <source>All mine</source>
        <translation>全部保留我的</translation>
    </message>
    <message>
        <source>All theirs</source>
        <translation>全部采用对方的</translation>
    </message>
    <message>
        <source>Scored differently on both sides: click the version to keep in each row (notes and methods from both sides are kept either way).</source>
        <translation>两边评分不同：逐行点选要保留的一方；两边的记录和方法都会保留。</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Apply merge</source>
        <translation>应用合并</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>From &lt;b&gt;{author}&lt;/b&gt; · package {name}</source>
        <translation>来自 &lt;b&gt;{author}&lt;/b&gt; · 审核包 {name}</translation>
    </message>
    <message>
        <source>Merged automatically ({n})</source>
        <translation>自动合并（{n}）</translation>
    </message>
    <message>
        <source>Conflicts ({n})</source>
        <translation>冲突（{n}）</translation>
    </message>
    <message>
        <source>✘ Cannot merge</source>
        <translation>✘ 无法合并</translation>
    </message>
    <message>
        <source>Nothing was changed in the database.</source>
        <translation>数据库未作任何更改。</translation>
    </message>
    <message>
        <source>= Nothing to merge: the audit already holds everything in this package.</source>
        <translation>＝ 无需合并：审核已包含此包的全部内容。</translation>
    </message>
    <message>
        <source>{n} conflict(s) still to decide before the merge can be applied.</source>
        <translation>还有 {n} 个冲突未决定；全部决定后才能应用。</translation>
    </message>
    <message>
        <source>Ready: {changes} change(s), {conflicts} decision(s).</source>
        <translation>可以应用合并：{changes} 项更改，{conflicts} 个决定。</translation>
    </message>
    <message>
        <source>✔ Merged: {n} change(s), {d} decision(s)</source>
        <translation>✔ 已合并：{n} 项更改，{d} 个决定</translation>
    </message>
    <message>
        <source>Backup before merging: {path}</source>
        <translation>合并前备份：{path}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Something went wrong inside the app ({kind}). Everything saved before this moment is safe in the database.</source>
        <translation>程序内部出错（{kind}）。此前保存的所有内容都安全地保存在数据库中。</translation>
    </message>
</context>
<context>
    <name>NewAuditDialog</name>
    <message>
        <source>New audit</source>
        <translation>新建审核</translation>
    </message>
    <message>
        <source>Client name</source>
        <translation>受审核方名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Representative</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Audit type</source>
        <translation>审核类型</translation>
    </message>
    <message>
        <source>Criteria (scheme)</source>
        <translation>审核准则（评价方案）</translation>
    </message>
    <message>
        <source>Report number</source>
        <translation>报告编号</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Full-time staff</source>
        <translation>全职人员</translation>
    </message>
    <message>
        <source>Team, sites and the full headcount follow on the details tab.</source>
        <translation>审核组、场所和完整的人数构成在“审核信息”页填写。</translation>
    </message>
    <message>
        <source>Create audit</source>
        <translation>创建审核</translation>
    </message>
    <message>
        <source>The client&apos;s name is required.</source>
        <translation>必须填写受审核方名称。</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
</context>
<context>
    <name>NewRevisionDialog</name>
    <message>
        <source>New revision</source>
        <translation>新建修订版</translation>
    </message>
    <message>
        <source>The signed audit stays as it is. A new, editable revision is created from it; the reason is kept with the revision and printed in its report.</source>
        <translation>已签署的审核保持不变。将以其为基础创建一个可编辑的新修订版；修订理由随修订版保存并打印在报告中。</translation>
    </message>
    <message>
        <source>Why is the signed report being revised?</source>
        <translation>为什么要修订已签署的报告？</translation>
    </message>
    <message>
        <source>Create revision</source>
        <translation>创建修订版</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>理由（必填）</translation>
    </message>
    <message>
        <source>Give the reason for the new revision.</source>
        <translation>请填写新建修订版的理由。</translation>
    </message>
</context>
<context>
    <name>PersonDaysPanel</name>
    <message>
        <source>Audit person-days</source>
        <translation>审核人日</translation>
    </message>
    <message>
        <source>Effective personnel</source>
        <translation>有效人数</translation>
    </message>
    <message>
        <source>Table days</source>
        <translation>查表人日</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Audit type</source>
        <translation>审核类型</translation>
    </message>
    <message>
        <source>Stage 1 / stage 2</source>
        <translation>第一阶段 / 第二阶段</translation>
    </message>
    <message>
        <source>On-site minimum</source>
        <translation>现场审核最少</translation>
    </message>
    <message>
        <source>Sites to sample</source>
        <translation>抽样场所</translation>
    </message>
    <message>
        <source>Certified managers needed</source>
        <translation>需配备售后服务管理师</translation>
    </message>
    <message>
        <source>With verified headcount</source>
        <translation>按现场核实人数</translation>
    </message>
    <message>
        <source>Outlets to visit</source>
        <translation>需访问的网点</translation>
    </message>
    <message>
        <source>Draw sample</source>
        <translation>抽取样本</translation>
    </message>
    <message>
        <source>Draw the outlets to visit at random; the seed is recorded so the draw can be repeated and checked.</source>
        <translation>随机抽取要访问的网点；记录随机种子，抽样结果可重现和核查。</translation>
    </message>
    <message>
        <source>Justification for the client</source>
        <translation>向受审核方说明的确定依据</translation>
    </message>
    <message>
        <source>Cannot determine the audit time: {error}</source>
        <translation>无法确定审核时间：{error}</translation>
    </message>
    <message>
        <source>{days} person-days</source>
        <translation>{days} 人日</translation>
    </message>
    <message>
        <source> (part-time as {fte} FTE)</source>
        <translation>（兼职折合 {fte} 名全职）</translation>
    </message>
    <message>
        <source>{days} (row {low}–{high} persons)</source>
        <translation>{days}（{low}–{high} 人档）</translation>
    </message>
    <message>
        <source>{days} ({rule})</source>
        <translation>{days}（{rule}）</translation>
    </message>
    <message>
        <source> (requested {requested}; the reduction is capped)</source>
        <translation>（申请 {requested}；减少幅度已封顶）</translation>
    </message>
    <message>
        <source>{type}, factor {factor}</source>
        <translation>{type}，系数 {factor}</translation>
    </message>
    <message>
        <source>not split (not an initial audit)</source>
        <translation>不分阶段（非初次认证审核）</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} 人日</translation>
    </message>
    <message>
        <source>{n} of {x} sites (sampling not allowed)</source>
        <translation>{x} 个场所中的 {n} 个（不允许抽样）</translation>
    </message>
    <message>
        <source>{n} of {x} sites + central function; at least {k} at random</source>
        <translation>{x} 个场所中抽 {n} 个 + 中心职能；至少 {k} 个随机抽取</translation>
    </message>
    <message>
        <source> (service-management staff estimated: {n})</source>
        <translation>（服务管理人员按估算：{n}）</translation>
    </message>
    <message>
        <source>not verified yet</source>
        <translation>尚未核实</translation>
    </message>
    <message>
        <source> — add {days} days or narrow the scope</source>
        <translation>——需增加 {days} 人日或缩小范围</translation>
    </message>
    <message>
        <source>No outlets drawn yet.</source>
        <translation>尚未抽取网点。</translation>
    </message>
    <message>
        <source>Central function (every audit): {name}</source>
        <translation>中心职能（每次审核）：{name}</translation>
    </message>
    <message>
        <source>Chosen by the auditor: {names}</source>
        <translation>审核员选定：{names}</translation>
    </message>
    <message>
        <source>Drawn at random: {names}</source>
        <translation>随机抽取：{names}</translation>
    </message>
    <message>
        <source>Seed {seed}</source>
        <translation>随机种子 {seed}</translation>
    </message>
    <message>
        <source>Drawn again (previous seed {seed}): {reason}</source>
        <translation>已重新抽样（原种子 {seed}）：{reason}</translation>
    </message>
</context>
<context>
    <name>PrintSheet</name>
    <message>
        <source>Print score sheet</source>
        <translation>打印评分表</translation>
    </message>
</context>
<context>
    <name>ReportsModel</name>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Report no.</source>
        <translation>报告编号</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>审核结束</translation>
    </message>
    <message>
        <source>Total · level</source>
        <translation>总分 · 等级</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签名人</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>可信</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Verified at {at} UTC</source>
        <translation>核验于 {at} UTC</translation>
    </message>
    <message>
        <source>Superseded by a newer revision</source>
        <translation>已被新修订版取代</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Find in all audits</source>
        <translation>在所有审核中查找</translation>
    </message>
    <message>
        <source>A word or phrase in clients, sites, notes, findings or photo captions</source>
        <translation>在客户、场所、证据记录、发现或照片说明中查找词语</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>site</source>
        <translation>场所</translation>
    </message>
    <message>
        <source>note</source>
        <translation>证据记录</translation>
    </message>
    <message>
        <source>finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>photo caption</source>
        <translation>照片说明</translation>
    </message>
    <message>
        <source>Found in {n} place(s)</source>
        <translation>找到 {n} 处</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>无匹配</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Your name as it appears in reports</source>
        <translation>报告中显示的姓名</translation>
    </message>
    <message>
        <source>Optional, e.g. the CB&apos;s RFC 3161 service</source>
        <translation>可选，例如认证机构的 RFC 3161 时间戳服务</translation>
    </message>
    <message>
        <source>Placeholders: {report} {client} {files}</source>
        <translation>占位符：{report} {client} {files}</translation>
    </message>
    <message>
        <source>Auditor name</source>
        <translation>审核员姓名</translation>
    </message>
    <message>
        <source>Certification body</source>
        <translation>认证机构</translation>
    </message>
    <message>
        <source>CB address</source>
        <translation>认证机构地址</translation>
    </message>
    <message>
        <source>CB accreditation / approval no.</source>
        <translation>认证机构认可/批准号</translation>
    </message>
    <message>
        <source>Default scheme for new audits</source>
        <translation>新审核的默认评价方案</translation>
    </message>
    <message>
        <source>Timestamp service (URL)</source>
        <translation>时间戳服务（网址）</translation>
    </message>
    <message>
        <source>Review committee&apos;s email</source>
        <translation>评审委员会的邮箱</translation>
    </message>
    <message>
        <source>Email subject</source>
        <translation>邮件主题</translation>
    </message>
    <message>
        <source>Email text</source>
        <translation>邮件正文</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Scoring tree</source>
        <translation>评分条目树</translation>
    </message>
    <message>
        <source>next / previous unscored item</source>
        <translation>下一个/上一个未评条目</translation>
    </message>
    <message>
        <source>conforming / nonconforming</source>
        <translation>符合/不符合</translation>
    </message>
    <message>
        <source>sample: n, Enter, k, Enter</source>
        <translation>抽样：n，回车，k，回车</translation>
    </message>
    <message>
        <source>graded: arrows, Enter</source>
        <translation>分级给分：方向键，回车</translation>
    </message>
    <message>
        <source>delete the item (a reason is asked)</source>
        <translation>删减条目（须说明理由）</translation>
    </message>
    <message>
        <source>clear the result</source>
        <translation>清除结果</translation>
    </message>
    <message>
        <source>write the evidence note (Esc: back to the tree)</source>
        <translation>写证据记录（Esc：回到条目树）</translation>
    </message>
    <message>
        <source>audit methods</source>
        <translation>审核方法</translation>
    </message>
    <message>
        <source>photos / new finding / open items</source>
        <translation>照片/新发现/未完成条目</translation>
    </message>
    <message>
        <source>search items</source>
        <translation>搜索条目</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>edit the caption (Enter: back to the photos, Esc: tree)</source>
        <translation>编辑照片说明（回车：回到照片，Esc：条目树）</translation>
    </message>
    <message>
        <source>remove / open the selected photo</source>
        <translation>移除/打开选中的照片</translation>
    </message>
    <message>
        <source>Date fields</source>
        <translation>日期字段</translation>
    </message>
    <message>
        <source>pick a date; or type 2027-02-14, 2027/2/14, 20270214</source>
        <translation>选择日期；或输入 2027-02-14、2027/2/14、20270214</translation>
    </message>
    <message>
        <source>Audits list</source>
        <translation>审核列表</translation>
    </message>
    <message>
        <source>search; Down or Enter go to the list</source>
        <translation>搜索；↓ 或回车进入列表</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Arrows / Tab</source>
        <translation>方向键 / Tab</translation>
    </message>
    <message>
        <source>arrows move between cells; Tab leaves</source>
        <translation>方向键在单元格间移动；Tab 离开表格</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>任何位置</translation>
    </message>
    <message>
        <source>leave a text field or close a dialog</source>
        <translation>离开文本框或关闭对话框</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here with the mouse, a pen or a finger</source>
        <translation>请用鼠标、手写笔或手指在此签名</translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <source>The package was saved to
{path}</source>
        <translation>数据包已保存到
{path}</translation>
    </message>
    <message>
        <source>Merge a team member&apos;s package</source>
        <translation>合并成员包</translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>The file cannot be read</source>
        <translation>文件无法读取</translation>
    </message>
    <message>
        <source>Damaged or truncated file</source>
        <translation>文件已损坏或不完整</translation>
    </message>
    <message>
        <source>Too large (zip bomb?)</source>
        <translation>文件过大（可能是压缩炸弹）</translation>
    </message>
    <message>
        <source>Unsafe path inside the package</source>
        <translation>包内路径不安全</translation>
    </message>
    <message>
        <source>A file appears twice</source>
        <translation>包内文件重复</translation>
    </message>
    <message>
        <source>Unexpected file in package</source>
        <translation>包内有多余的文件</translation>
    </message>
    <message>
        <source>A listed file is missing</source>
        <translation>包内缺少文件</translation>
    </message>
    <message>
        <source>Not an audit package</source>
        <translation>不是审核包</translation>
    </message>
    <message>
        <source>Written by a newer app</source>
        <translation>由更新版本的软件生成</translation>
    </message>
    <message>
        <source>The signature is not valid</source>
        <translation>签名无效</translation>
    </message>
    <message>
        <source>The signer is not trusted</source>
        <translation>签名人不受信任</translation>
    </message>
    <message>
        <source>Signer mismatch</source>
        <translation>签名人不一致</translation>
    </message>
    <message>
        <source>The content was changed (tampered)</source>
        <translation>内容被改动</translation>
    </message>
    <message>
        <source>The audit data is inconsistent</source>
        <translation>审核数据不一致</translation>
    </message>
    <message>
        <source>The signed report fails</source>
        <translation>签名报告未通过验证</translation>
    </message>
    <message>
        <source>Encrypted: key needed</source>
        <translation>包已加密，需要密钥</translation>
    </message>
    <message>
        <source>Encrypted for someone else</source>
        <translation>包不是加密给此密钥的</translation>
    </message>
    <message>
        <source>Decryption failed</source>
        <translation>解密失败</translation>
    </message>
    <message>
        <source>Wrong kind of package</source>
        <translation>包的类型不对</translation>
    </message>
    <message>
        <source>Belongs to another audit</source>
        <translation>属于另一个审核</translation>
    </message>
    <message>
        <source>An older revision</source>
        <translation>较旧的修订版</translation>
    </message>
    <message>
        <source>Conflicting revision</source>
        <translation>修订版冲突</translation>
    </message>
    <message>
        <source>Not a revision of this audit&apos;s client/team</source>
        <translation>不能续接别的客户或团队的审核</translation>
    </message>
    <message>
        <source>The database refused the data</source>
        <translation>数据库拒绝了数据</translation>
    </message>
    <message>
        <source>This is a team member&apos;s package: open the leader&apos;s audit and use Merge team package.</source>
        <translation>这是团队成员的包：请打开组长的审核，用“合并成员包”导入。</translation>
    </message>
    <message>
        <source>✔ Imported</source>
        <translation>✔ 已导入</translation>
    </message>
    <message>
        <source>✔ Imported: supersedes the older revision</source>
        <translation>✔ 已导入新修订版</translation>
    </message>
    <message>
        <source>= Unchanged: already here</source>
        <translation>＝ 无变化：此修订版已在数据库中</translation>
    </message>
    <message>
        <source>✘ Refused</source>
        <translation>✘ 已拒绝</translation>
    </message>
    <message>
        <source>— not checked</source>
        <translation>— 未检查</translation>
    </message>
    <message>
        <source>✔ yes</source>
        <translation>✔ 是</translation>
    </message>
    <message>
        <source>✘ NO</source>
        <translation>✘ 否</translation>
    </message>
    <message>
        <source>original</source>
        <translation>初版</translation>
    </message>
    <message>
        <source>revision {n}</source>
        <translation>第 {n} 版</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>不批准</translation>
    </message>
    <message>
        <source>Rectification required</source>
        <translation>需整改</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待决定</translation>
    </message>
    <message>
        <source>Rectify</source>
        <translation>需整改</translation>
    </message>
    <message>
        <source>(superseded)</source>
        <translation>（已被取代）</translation>
    </message>
    <message>
        <source>Surveillance due</source>
        <translation>监督审核到期</translation>
    </message>
    <message>
        <source>⚠ Surveillance OVERDUE</source>
        <translation>⚠ 监督审核逾期</translation>
    </message>
    <message>
        <source>Apply for recertification</source>
        <translation>应申请再认证</translation>
    </message>
    <message>
        <source>⚠ Recertification OVERDUE</source>
        <translation>⚠ 再认证申请逾期</translation>
    </message>
    <message>
        <source>⚠ Certificate EXPIRED</source>
        <translation>⚠ 证书已过期</translation>
    </message>
    <message>
        <source>⚠ Certificate SUSPENDED</source>
        <translation>⚠ 证书暂停</translation>
    </message>
    <message>
        <source>⚠ Suspension DUE</source>
        <translation>⚠ 应暂停证书</translation>
    </message>
    <message>
        <source>⚠ Withdrawal DUE</source>
        <translation>⚠ 暂停期满，应撤销</translation>
    </message>
    <message>
        <source>⚠ Major NC OVERDUE</source>
        <translation>⚠ 严重不符合项逾期未关闭</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>SUSPENDED</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>WITHDRAWN</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>EXPIRED</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>已换发</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Conforming</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Nonconforming</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Sampled</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Graded</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Not scored</source>
        <translation>未评</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>严重不符合</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>一般不符合</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>观察项</translation>
    </message>
    <message>
        <source>Special deduction</source>
        <translation>特别扣分</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>特别加分</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>证据记录</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Finding changed</source>
        <translation>发现（修改）</translation>
    </message>
    <message>
        <source>Photo/file</source>
        <translation>照片/文件</translation>
    </message>
    <message>
        <source>Evidence: </source>
        <translation>证据： </translation>
    </message>
    <message>
        <source>Deadline: </source>
        <translation>期限： </translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation>{points} 分</translation>
    </message>
    <message>
        <source>Reason: </source>
        <translation>理由： </translation>
    </message>
    <message>
        <source>Note: </source>
        <translation>记录： </translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>发证</translation>
    </message>
    <message>
        <source>Recertified</source>
        <translation>再认证</translation>
    </message>
    <message>
        <source>Surveillance approved</source>
        <translation>监督审核批准</translation>
    </message>
    <message>
        <source>Special audit approved</source>
        <translation>特殊审核批准</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Reinstated</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Scope reduced</source>
        <translation>缩小范围</translation>
    </message>
    <message>
        <source>Scope extended</source>
        <translation>扩大范围</translation>
    </message>
    <message>
        <source>Reissued</source>
        <translation>换发</translation>
    </message>
</context>
<context>
    <name>TrailModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
</context>
<context>
    <name>TrialKeyDialog</name>
    <message>
        <source>Create a trial signing key</source>
        <translation>创建试用签名密钥</translation>
    </message>
    <message>
        <source>Your name (printed on the stamp)</source>
        <translation>您的姓名（印在签章上）</translation>
    </message>
    <message>
        <source>E-mail (optional)</source>
        <translation>电子邮箱（可选）</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <source>A trial key is self-signed: fine for practice and for teams that trust each other&apos;s certificates. For real reports import the key your CB issued.</source>
        <translation>试用密钥为自签名：适合练习和互相信任证书的审核组。正式报告请导入认证机构颁发的密钥。</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>请输入您的姓名。</translation>
    </message>
    <message>
        <source>The passphrase needs at least 6 characters.</source>
        <translation>口令至少需要 6 个字符。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <source>Trusted certificates</source>
        <translation>受信任的证书</translation>
    </message>
    <message>
        <source>The CB&apos;s CA, or a signer&apos;s own</source>
        <translation>认证机构的 CA 证书，或签名人的证书</translation>
    </message>
    <message>
        <source>Certificate of</source>
        <translation>证书持有人</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>颁发者</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Import certificate…</source>
        <translation>导入证书…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Encrypt packages to this one</source>
        <translation>数据包加密给此证书</translation>
    </message>
    <message>
        <source>The review committee&apos;s certificate: packages you export are readable only by it</source>
        <translation>评审委员会的证书：您导出的数据包只有它能读取</translation>
    </message>
    <message>
        <source>Trust your CB&apos;s CA certificate to accept every key it issued, or a colleague&apos;s own certificate for a trial key. Compare the fingerprint with the sender.</source>
        <translation>信任认证机构的 CA 证书即接受其颁发的所有密钥；试用密钥则信任同事本人的证书。请与发送人核对指纹。</translation>
    </message>
    <message>
        <source>committee (packages encrypted to it)</source>
        <translation>评审委员会（数据包加密给它）</translation>
    </message>
    <message>
        <source>itself</source>
        <translation>本人</translation>
    </message>
    <message>
        <source>Import certificate</source>
        <translation>导入证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>证书 (*.pem *.crt *.cer *.der)</translation>
    </message>
</context>
<context>
    <name>TrustList</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>受信任的证书</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify a signed PDF</source>
        <translation>验证已签名的 PDF</translation>
    </message>
    <message>
        <source>Choose PDF…</source>
        <translation>选择 PDF…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Trusted certificates (CA or the signer&apos;s own)</source>
        <translation>受信任的证书（CA 证书或签名人本人证书）</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Choose a PDF and press Verify.</source>
        <translation>请选择 PDF 文件并点击“验证”。</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>文件完整</translation>
    </message>
    <message>
        <source>Valid signature</source>
        <translation>签名有效</translation>
    </message>
    <message>
        <source>Trusted signer</source>
        <translation>签名人可信</translation>
    </message>
    <message>
        <source>Covers the whole file</source>
        <translation>签名覆盖整个文件</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签名人</translation>
    </message>
    <message>
        <source>Signing time</source>
        <translation>签署时间</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>签名数</translation>
    </message>
    <message>
        <source>Trusted certificate</source>
        <translation>受信任的证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>证书 (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>Signed PDF</source>
        <translation>已签名的 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation>文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>The file could not be checked.</source>
        <translation>无法检查该文件。</translation>
    </message>
    <message>
        <source>✔ Valid, trusted and unchanged since it was signed.</source>
        <translation>✔ 签名有效、可信，签署后文件未被修改。</translation>
    </message>
    <message>
        <source>✘ Not acceptable: see the checks below.</source>
        <translation>✘ 不可接受：请查看下面的检查结果。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>scoring</name>
    <message>
        <source>Add photos or files</source>
        <translation>添加照片或文件</translation>
    </message>
    <message>
        <source>Photos and PDF</source>
        <translation>照片和 PDF</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <source>Add… [P]</source>
        <translation>添加… [P]</translation>
    </message>
    <message>
        <source>Pick photos or PDFs (or drop them here) (P)</source>
        <translation>选择照片或 PDF（也可拖放到这里） (P)</translation>
    </message>
    <message>
        <source>Paste [Ctrl+V]</source>
        <translation>粘贴 [Ctrl+V]</translation>
    </message>
    <message>
        <source>Paste a picture from the clipboard (Ctrl+V)</source>
        <translation>粘贴剪贴板中的图片 (Ctrl+V)</translation>
    </message>
    <message>
        <source>Remove [Del]</source>
        <translation>移除 [Del]</translation>
    </message>
    <message>
        <source>Remove the selected photo/file (undoable) (Delete)</source>
        <translation>移除选中的照片/文件（可撤销） (Delete)</translation>
    </message>
    <message>
        <source>Caption of the selected photo (F2)</source>
        <translation>照片说明 (F2)</translation>
    </message>
    <message>
        <source>No photos or files yet: drop, paste or press P.</source>
        <translation>暂无照片或文件：拖放、粘贴或按 P 选择。</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>{n} imported</source>
        <translation>已导入 {n} 个</translation>
    </message>
    <message>
        <source>{n} could not be imported:</source>
        <translation>{n} 个无法导入：</translation>
    </message>
    <message>
        <source>Clipboard</source>
        <translation>剪贴板</translation>
    </message>
    <message>
        <source>no picture to paste</source>
        <translation>没有图片</translation>
    </message>
    <message>
        <source>Double-click to open</source>
        <translation>双击查看原图</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Sampled</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Graded</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>证据记录</translation>
    </message>
    <message>
        <source>Add finding</source>
        <translation>添加发现</translation>
    </message>
    <message>
        <source>Edit finding</source>
        <translation>修改发现</translation>
    </message>
    <message>
        <source>Delete finding</source>
        <translation>删除发现</translation>
    </message>
    <message>
        <source>Attach photo/file</source>
        <translation>添加照片/文件</translation>
    </message>
    <message>
        <source>Remove photo/file</source>
        <translation>移除照片/文件</translation>
    </message>
    <message>
        <source>Photo caption</source>
        <translation>照片说明</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>Evidence to look for</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Evidence notes [E]</source>
        <translation>证据记录 [E]</translation>
    </message>
    <message>
        <source>Photos and files</source>
        <translation>照片和文件</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>points</source>
        <translation>分</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>{scored} of {items} items scored. Select an item to score it.</source>
        <translation>已评 {scored} / {items} 项。选择一个条目进行评分。</translation>
    </message>
    <message>
        <source>What you saw, heard and checked (saved as you type)  [E] · phrases: Ctrl+Space</source>
        <translation>记录看到、听到、查到的证据（自动保存） [E] · 常用语：Ctrl+Space</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>(whole audit)</source>
        <translation>整体</translation>
    </message>
    <message>
        <source>Evidence: </source>
        <translation>证据： </translation>
    </message>
    <message>
        <source>Rectification: </source>
        <translation>整改： </translation>
    </message>
    <message>
        <source>empty: the whole audit</source>
        <translation>留空表示整个审核</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>设定</translation>
    </message>
    <message>
        <source>Finding *</source>
        <translation>内容 *</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>Phrases: Ctrl+Space</source>
        <translation>常用语：Ctrl+Space</translation>
    </message>
    <message>
        <source>A finding needs a text</source>
        <translation>请填写发现内容</translation>
    </message>
    <message>
        <source>Whole audit</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Show the whole audit&apos;s findings, not only this item&apos;s</source>
        <translation>显示整个审核的发现，而不只是本条目</translation>
    </message>
    <message>
        <source>Add… [F]</source>
        <translation>添加发现… [F]</translation>
    </message>
    <message>
        <source>Add a finding (F)</source>
        <translation>添加不符合项、观察项、特别扣分或加分 (F)</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>J/K next/previous unscored · C conforming · N nonconforming · S sample · G graded · D delete · X clear · E note · 1–4 methods · P photos · F finding · O open items · Ctrl+F search · Ctrl+Z/Ctrl+Y undo/redo</source>
        <translation>J/K 下一个/上一个未评 · C 符合 · N 不符合 · S 抽样 · G 分级 · D 删减 · X 清除 · E 记录 · 1–4 方法 · P 照片 · F 发现 · O 未完成 · Ctrl+F 搜索 · Ctrl+Z/Ctrl+Y 撤销/重做</translation>
    </message>
    <message>
        <source>Next unscored</source>
        <translation>下一个未评</translation>
    </message>
    <message>
        <source>Previous unscored</source>
        <translation>上一个未评</translation>
    </message>
    <message>
        <source>Conforming</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Nonconforming</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Sample size</source>
        <translation>抽样数</translation>
    </message>
    <message>
        <source>Graded award</source>
        <translation>分级给分</translation>
    </message>
    <message>
        <source>Delete (N/A)</source>
        <translation>删减</translation>
    </message>
    <message>
        <source>Clear result</source>
        <translation>清除结果</translation>
    </message>
    <message>
        <source>Go to note</source>
        <translation>写证据记录</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Paste picture</source>
        <translation>粘贴图片</translation>
    </message>
    <message>
        <source>Open items only</source>
        <translation>只看未完成</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Toggle method</source>
        <translation>切换方法</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>No other unscored item</source>
        <translation>没有其他未评条目</translation>
    </message>
    <message>
        <source>Select an item first</source>
        <translation>请先选择一个条目</translation>
    </message>
    <message>
        <source>This item is not judged on a sample</source>
        <translation>本条目不按抽样判定</translation>
    </message>
    <message>
        <source>This item is not graded</source>
        <translation>本条目不分级给分</translation>
    </message>
    <message>
        <source>Not scored</source>
        <translation>未评</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>部分符合</translation>
    </message>
    <message>
        <source>Deleted (N/A)</source>
        <translation>删减</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>评分中</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未评</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>NC</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>删减</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>评分中</translation>
    </message>
    <message>
        <source>Whole: all or nothing</source>
        <translation>整体判定：符合得全分，不符合不得分</translation>
    </message>
    <message>
        <source>Sampled: loses the nonconforming share</source>
        <translation>抽样判定：按不合格比例扣分</translation>
    </message>
    <message>
        <source>Major nonconformity</source>
        <translation>严重不符合</translation>
    </message>
    <message>
        <source>Minor nonconformity</source>
        <translation>一般不符合</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>观察项</translation>
    </message>
    <message>
        <source>Special deduction</source>
        <translation>特别扣分项</translation>
    </message>
    <message>
        <source>Special bonus</source>
        <translation>特别加分项</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Obs.</source>
        <translation>观察</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>特别扣分</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>特别加分</translation>
    </message>
    <message>
        <source>Document review</source>
        <translation>文件审查</translation>
    </message>
    <message>
        <source>Interview</source>
        <translation>面谈</translation>
    </message>
    <message>
        <source>On-site observation</source>
        <translation>现场观察</translation>
    </message>
    <message>
        <source>Customer contact</source>
        <translation>顾客访问</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Open items</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>This audit is signed and locked</source>
        <translation>本审核已签署锁定，不能修改</translation>
    </message>
    <message>
        <source>nonconforming cannot exceed the sample</source>
        <translation>不合格数不能大于抽样数</translation>
    </message>
    <message>
        <source>a deleted item needs a reason</source>
        <translation>删减必须说明理由</translation>
    </message>
    <message>
        <source>no more special bonus allowed</source>
        <translation>特别加分项已达上限</translation>
    </message>
    <message>
        <source>Not accepted:</source>
        <translation>输入未被接受：</translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation>未能保存：</translation>
    </message>
    <message>
        <source>Failed:</source>
        <translation>未能完成：</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删减…</translation>
    </message>
    <message>
        <source>Clear [X]</source>
        <translation>清除 [X]</translation>
    </message>
    <message>
        <source>Clear the result (X)</source>
        <translation>清除结果，恢复为未评 (X)</translation>
    </message>
    <message>
        <source>Sample size n (S, ↵ next)</source>
        <translation>抽样数 n（S，↵ 下一项）</translation>
    </message>
    <message>
        <source>Nonconforming k (↵ record)</source>
        <translation>不合格数 k（↵ 记录）</translation>
    </message>
    <message>
        <source>Record ↵</source>
        <translation>记录 ↵</translation>
    </message>
    <message>
        <source>Sample n</source>
        <translation>抽样数 n</translation>
    </message>
    <message>
        <source>Nonconforming k</source>
        <translation>不合格数 k</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>分级给分</translation>
    </message>
    <message>
        <source>Reason for deleting (required)</source>
        <translation>删减理由（必填）</translation>
    </message>
    <message>
        <source>Delete ↵</source>
        <translation>确认删减 ↵</translation>
    </message>
    <message>
        <source>This item may not be deleted</source>
        <translation>本条目不可删减</translation>
    </message>
    <message>
        <source>Graded award (G, ←/→ choose, ↵ record)</source>
        <translation>分级给分（G，←/→ 选择，↵ 记录）</translation>
    </message>
    <message>
        <source>a reason is required</source>
        <translation>删减必须说明理由</translation>
    </message>
    <message>
        <source>enter the sample size</source>
        <translation>请填写抽样数</translation>
    </message>
    <message>
        <source>enter the nonconforming count</source>
        <translation>请填写不合格数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Score on the applicable total, with special deductions/bonus</source>
        <translation>按适用分值折算的得分，含特别扣分/加分</translation>
    </message>
    <message>
        <source>Not scored yet</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>暂定</translation>
    </message>
    <message>
        <source>The level is provisional until every item is scored</source>
        <translation>未评完时等级为暂定</translation>
    </message>
    <message>
        <source>{left} of {n} left</source>
        <translation>待评 {left} / {n} 项</translation>
    </message>
    <message>
        <source>Deductions {sd} · bonus {b}</source>
        <translation>特别扣分 {sd} · 加分 {b}</translation>
    </message>
    <message>
        <source>Special deductions / bonus</source>
        <translation>特别扣分项 / 特别加分项</translation>
    </message>
    <message>
        <source>No score: every item is deleted</source>
        <translation>无法评分：全部条目已删减</translation>
    </message>
    <message>
        <source>Press J for the next unscored item, C/N to score it</source>
        <translation>按 J 跳到下一个未评条目，C/N 评分</translation>
    </message>
    <message>
        <source>Highest level reached</source>
        <translation>已达最高等级</translation>
    </message>
    <message>
        <source>{pts} to go to {level} (≥{min})</source>
        <translation>距 {level} (≥{min}) 还差 {pts} 分</translation>
    </message>
    <message>
        <source>rectify a special deduction</source>
        <translation>纠正一项特别扣分</translation>
    </message>
    <message>
        <source>{n} more</source>
        <translation>另 {n} 项</translation>
    </message>
    <message>
        <source>not reachable even with every correction</source>
        <translation>全部纠正也达不到</translation>
    </message>
    <message>
        <source>{n} special deductions: {limit} or more fail the audit</source>
        <translation>特别扣分项 {n} 项（≥{limit} 项判不合格）</translation>
    </message>
    <message>
        <source>{title} is below its minimum share</source>
        <translation>{title} 低于该部分最低得分率</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分/分值</translation>
    </message>
    <message>
        <source>Earned / points</source>
        <translation>得分 / 分值</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>This audit is signed and locked: read-only. To change it, start a new revision (a reason is required).</source>
        <translation>本审核已签署并锁定，只能查看；如需修改，请开始新修订（须说明理由）。</translation>
    </message>
    <message>
        <source>New revision…</source>
        <translation>开始新修订…</translation>
    </message>
    <message>
        <source>Filter by status (O toggles open/all)</source>
        <translation>按状态筛选（O：未完成/全部）</translation>
    </message>
    <message>
        <source>Search id or title (Ctrl+F)</source>
        <translation>搜索编号或标题 (Ctrl+F)</translation>
    </message>
    <message>
        <source>New revision</source>
        <translation>开始新修订</translation>
    </message>
    <message>
        <source>Reason for the revision (required):</source>
        <translation>修订理由（必填）：</translation>
    </message>
    <message>
        <source>Phrase library refused: </source>
        <translation>常用语库无法读取：</translation>
    </message>
    <message>
        <source>No phrases in the library here</source>
        <translation>常用语库中没有可用的短语</translation>
    </message>
</context>
</TS>
