"""Texts of /choose_rank: signal against noise, and three rules for choosing the rank."""

MESSAGES: dict[str, dict[str, str]] = {
    "choose_rank.question": {
        "zh": "笔记说只保留最大的几个奇异值，却没说几个。数据带噪声时，k 该取多少？",
        "en": "The note says to keep only the largest few singular values, but not how many. When "
        "the data are noisy, which k should you keep?",
    },
    "choose_rank.computing": {"zh": "正在计算奇异值分解……", "en": "Computing the SVD…"},
    # --- controls --------------------------------------------------------------------------------
    "choose_rank.signal": {"zh": "干净的信号", "en": "Clean signal"},
    "choose_rank.signal.photo": {"zh": "灰度照片", "en": "Photograph (grey)"},
    "choose_rank.signal.planted": {"zh": "秩 10 的合成矩阵", "en": "Rank-10 matrix"},
    "choose_rank.noise": {"zh": "噪声水平 σ（灰度级）", "en": "Noise level σ (grey levels)"},
    "choose_rank.noise_help": {
        "zh": "给每个元素加上标准差为 σ 的高斯噪声（固定随机种子：σ 变了，噪声的图案不变）。",
        "en": "Adds Gaussian noise of standard deviation σ to every entry (fixed seed: the "
        "pattern stays the same as σ changes).",
    },
    "choose_rank.share": {"zh": "能量规则的阈值 p", "en": "Energy rule's share p"},
    "choose_rank.share_help": {
        "zh": "能量规则取保留至少 p 的 Σσᵢ² 的最小 k。",
        "en": "The energy rule takes the smallest k that keeps at least p of Σσᵢ².",
    },
    "choose_rank.k": {"zh": "秩 k（1 到 {top}）", "en": "Rank k (1 to {top})"},
    "choose_rank.size.photo": {
        "zh": "照片是 {width}×{height} 的灰度图（600×512 的原图按 2×2 的块取平均，噪声滑块因此更快）。",
        "en": "The photograph is {width}×{height} in grey (the 600×512 original averaged over "
        "2×2 blocks, so that the noise slider stays fast).",
    },
    "choose_rank.size.planted": {
        "zh": "合成矩阵是 {m}×{n}，秩恰好为 {r}：一层常数灰度加九层平滑条纹，"
        "奇异值除第一个外从 5000 按等比降到 250（固定随机种子）。",
        "en": "The planted matrix is {m}×{n} of rank exactly {r}: a constant grey plus nine "
        "smooth stripe layers whose singular values fall geometrically from 5000 to 250 "
        "(fixed seed).",
    },
    # --- pictures --------------------------------------------------------------------------------
    "choose_rank.clean": {"zh": "干净的信号 X", "en": "Clean signal X"},
    "choose_rank.noisy": {"zh": "带噪声的 Y = X + N", "en": "Noisy Y = X + N"},
    "choose_rank.rank_k": {
        "zh": "Y 的秩 {k} 近似 Y{sub}",
        "en": "Rank-{k} approximation Y{sub} of Y",
    },
    "choose_rank.alt.clean": {
        "zh": "干净的信号，{m}×{n} 的灰度图，秩 {rank}。",
        "en": "The clean signal, a {m}×{n} grey picture of rank {rank}.",
    },
    "choose_rank.alt.noisy": {
        "zh": "加了 σ = {level} 的高斯噪声后的图，每个元素与干净信号的均方根误差为 {error}。",
        "en": "The picture with Gaussian noise of σ = {level} added: RMS error {error} per entry "
        "against the clean signal.",
    },
    "choose_rank.alt.rank_k": {
        "zh": "Y 的秩 {k} 近似，离干净信号 {clean}（每个元素的均方根误差）。",
        "en": "The rank-{k} approximation of Y, {clean} from the clean signal (RMS per entry).",
    },
    # --- the block (numbers, sentences and charts at every k) ---------------------------------------
    "choose_rank.metric.clean": {"zh": "离干净信号", "en": "Error vs clean X"},
    "choose_rank.metric.clean_help": {
        "zh": "‖Yₖ − X‖ / √(mn)（F 范数）：每个元素的均方根误差，单位与信号相同。",
        "en": "‖Yₖ − X‖ / √(mn) (Frobenius norm): the RMS error per entry, in the signal's units.",
    },
    "choose_rank.metric.noisy": {"zh": "离带噪声的 Y", "en": "Error vs noisy Y"},
    "choose_rank.metric.noisy_help": {
        "zh": "‖Yₖ − Y‖ / √(mn) = √(σₖ₊₁² + … + σₚ²) / √(mn)：只会随 k 下降。",
        "en": "‖Yₖ − Y‖ / √(mn) = √(σₖ₊₁² + … + σₚ²) / √(mn): it only falls as k grows.",
    },
    "choose_rank.metric.gap": {"zh": "比最佳 k = {best} 多", "en": "Above the best k = {best}"},
    "choose_rank.metric.gap_help": {
        "zh": "这个 k 离干净信号的误差减去最佳 k 的误差。",
        "en": "This k's error against the clean signal minus the best k's.",
    },
    "choose_rank.gap_best": {"zh": "最佳", "en": "best"},
    "choose_rank.at_k": {
        "zh": "在 **k = {k}** 时，Yₖ 离干净信号 **{clean}**，离带噪声的 Y **{noisy}**。",
        "en": "At **k = {k}**, Yₖ is **{clean}** from the clean signal and **{noisy}** from the "
        "noisy Y.",
    },
    "choose_rank.before_best": {
        "zh": "再加方向还有帮助：最佳的 k = {best} 能降到 {error}。",
        "en": "More directions still help: the best, k = {best}, comes down to {error}.",
    },
    "choose_rank.at_best": {
        "zh": "这就是最佳的 k：没有哪个秩离干净信号更近。",
        "en": "This is the best k: no rank comes nearer the clean signal.",
    },
    "choose_rank.past_best": {
        "zh": "已经过了最佳的 k = {best}（{error}）：多加的方向没有让它离干净信号更近。",
        "en": "Past the best k = {best} ({error}): the extra directions bring it no nearer the "
        "clean signal.",
    },
    "choose_rank.sigma_above": {
        "zh": "σ{sub} = {sigma} 高于阈值 τ = {tau}，阈值规则保留它；它{edge_side}噪声谱的上沿 {edge}。",
        "en": "σ{sub} = {sigma} is above the threshold τ = {tau}, so the threshold rule keeps it; "
        "it lies {edge_side} the top of the noise bulk, {edge}.",
    },
    "choose_rank.sigma_below": {
        "zh": "σ{sub} = {sigma} 低于阈值 τ = {tau}，阈值规则舍去它；它{edge_side}噪声谱的上沿 {edge}。",
        "en": "σ{sub} = {sigma} is below the threshold τ = {tau}, so the threshold rule drops it; "
        "it lies {edge_side} the top of the noise bulk, {edge}.",
    },
    "choose_rank.edge_above": {"zh": "高于", "en": "above"},
    "choose_rank.edge_below": {"zh": "低于", "en": "below"},
    "choose_rank.chart.errors": {
        "zh": "Yₖ 的误差：对干净信号（U 形）与对带噪声的 Y",
        "en": "Error of Yₖ: against the clean X (the U) and the noisy Y",
    },
    "choose_rank.chart.rms": {"zh": "均方根误差", "en": "RMS error"},
    "choose_rank.series.clean": {"zh": "对干净信号 X", "en": "vs clean X"},
    "choose_rank.series.noisy": {"zh": "对带噪声的 Y", "en": "vs noisy Y"},
    "choose_rank.chart.spectrum": {
        "zh": "Y 的奇异值、阈值与噪声谱的上沿",
        "en": "Singular values of Y, the thresholds and the noise bulk",
    },
    "choose_rank.series.edge": {"zh": "噪声谱上沿 σ(√m+√n)", "en": "noise edge σ(√m+√n)"},
    "choose_rank.series.known": {"zh": "τ（已知 σ）", "en": "τ (σ known)"},
    "choose_rank.series.unknown": {"zh": "τ（未知 σ）", "en": "τ (σ unknown)"},
    "choose_rank.line.best": {"zh": "最佳 {k}", "en": "best {k}"},
    "choose_rank.line.energy": {"zh": "能量 {k}", "en": "energy {k}"},
    "choose_rank.line.storage": {"zh": "存储 {k}", "en": "storage {k}"},
    "choose_rank.line.known": {"zh": "τ {k}", "en": "τ {k}"},
    "choose_rank.line.unknown": {"zh": "τ̂ {k}", "en": "τ̂ {k}"},
    "choose_rank.alt.errors": {
        "zh": "误差曲线：在 k = {k} 时离干净信号 {clean}，离带噪声的 Y {noisy}；"
        "离干净信号最近的是 k = {best}（{best_error}）。",
        "en": "Error curves: at k = {k}, {clean} from the clean signal and {noisy} from the noisy "
        "Y; the nearest to the clean signal is k = {best} ({best_error}).",
    },
    "choose_rank.alt.spectrum": {
        "zh": "Y 的奇异值（对数轴）：σ{sub} = {sigma}；阈值 τ = {tau} 以上有 {kept} 个；"
        "噪声谱的上沿是 {edge}。",
        "en": "Singular values of Y (log axis): σ{sub} = {sigma}; {kept} lie above the threshold "
        "τ = {tau}; the noise bulk ends at {edge}.",
    },
    # --- the rules ---------------------------------------------------------------------------------
    "choose_rank.rules_title": {"zh": "三条规则，同一个谱", "en": "Three rules, one spectrum"},
    "choose_rank.rules_intro": {
        "zh": "每条规则只看 Y 的奇异值来选 k；表里是它选的 k 离干净信号有多远。",
        "en": "Each rule picks k from the singular values of Y alone; the table says how far "
        "its k lands from the clean signal.",
    },
    "choose_rank.table.rule": {"zh": "规则", "en": "Rule"},
    "choose_rank.table.k": {"zh": "k", "en": "k"},
    "choose_rank.table.error": {"zh": "离干净信号", "en": "Error vs clean X"},
    "choose_rank.table.extra": {"zh": "比最佳多", "en": "Above the best"},
    "choose_rank.rule.best": {"zh": "最佳 k（要知道 X 才算得出）", "en": "Best k (needs X itself)"},
    "choose_rank.rule.energy": {"zh": "能量 ≥ {share}", "en": "Energy ≥ {share}"},
    "choose_rank.rule.storage": {
        "zh": "存储不超过原矩阵：k(m+n+1) < mn",
        "en": "Storage break-even: k(m+n+1) < mn",
    },
    "choose_rank.rule.known": {
        "zh": "最优硬阈值，已知 σ：τ = λ*(β)·√n·σ",
        "en": "Optimal hard threshold, σ known: τ = λ*(β)·√n·σ",
    },
    "choose_rank.rule.unknown": {
        "zh": "最优硬阈值，未知 σ：τ = ω(β)·median(σᵢ)",
        "en": "Optimal hard threshold, σ unknown: τ = ω(β)·median(σᵢ)",
    },
    "choose_rank.rules_caption": {
        "zh": "这里 β = {beta}，λ*(β) = {lam}，ω(β) = {omega}（Gavish 与 Donoho，2014；"
        "方阵时 λ* = 4/√3 ≈ 2.309，ω ≈ 2.858）。存储规则是上限而不是选择：它不看谱。"
        "全部保留（k = {p}）就把噪声也还了回来：误差 {full}。",
        "en": "Here β = {beta}, λ*(β) = {lam}, ω(β) = {omega} (Gavish & Donoho, 2014; for a "
        "square matrix λ* = 4/√3 ≈ 2.309 and ω ≈ 2.858). The storage rule is a ceiling, not a "
        "choice: it never looks at the spectrum. Keeping everything (k = {p}) gives the noise "
        "back too: an error of {full}.",
    },
    # --- a trained ΔW --------------------------------------------------------------------------
    "choose_rank.delta_title": {
        "zh": "同样的规则用在训练出来的 ΔW 上",
        "en": "The same rules on a trained ΔW",
    },
    "choose_rank.delta_intro": {
        "zh": "训练页的数字识别网络完整微调后，每层的更新 ΔW 是微调后的 W 减去微调前的 W。"
        "这里不知道“噪声”水平，所以只能用未知 σ 的阈值 ω(β)·median(σᵢ)；能量规则用 p = {share}。",
        "en": "The digits network of the training page, fully fine-tuned: each layer's update "
        "ΔW is W after minus W before. There is no known noise level here, so only the unknown-σ "
        "threshold ω(β)·median(σᵢ) applies; the energy rule uses p = {share}.",
    },
    "choose_rank.delta.layer": {"zh": "层（形状）", "en": "Layer (shape)"},
    "choose_rank.delta.energy": {"zh": "能量规则", "en": "Energy rule"},
    "choose_rank.delta.storage": {"zh": "存储上限", "en": "Storage ceiling"},
    "choose_rank.delta.unknown": {"zh": "阈值（未知 σ）", "en": "Threshold (σ unknown)"},
    "choose_rank.delta_verdict": {
        "zh": "训练页的 LoRA 默认用秩 {rank}，在它的比较里秩 {matching} 就够了（准确率离完整微调不到 {points} 个百分点）。"
        "阈值规则在三层上却选了 {ks}：它假设小奇异值是独立同分布的噪声，训练出来的 ΔW 的小奇异值未必是这样的噪声。",
        "en": "LoRA on the training page uses rank {rank} by default, and in its comparison rank "
        "{matching} was enough (within {points} points of full fine-tuning's accuracy). The threshold "
        "rule picks {ks} on the three layers: it assumes the small singular values are i.i.d. "
        "noise, which those of a trained ΔW need not be.",
    },
    "choose_rank.delta_verdict_none": {
        "zh": "训练页的 LoRA 默认用秩 {rank}；在它的比较里没有哪个秩离完整微调不到 {points} 个百分点，"
        "最好的是秩 {matching}。阈值规则在三层上选了 {ks}。",
        "en": "LoRA on the training page uses rank {rank} by default; in its comparison no rank "
        "came within {points} points of full fine-tuning, the best being rank {matching}. The "
        "threshold rule picks {ks} on the three layers.",
    },
    "choose_rank.delta_progress": {
        "zh": "正在训练（每台服务器只做一次）……",
        "en": "Training (once per server)…",
    },
    # --- downloads -----------------------------------------------------------------------------
    "choose_rank.download_csv": {"zh": "误差曲线（CSV）", "en": "Error curves (CSV)"},
    "choose_rank.download_png": {
        "zh": "秩 {k} 的近似（PNG）",
        "en": "Rank-{k} approximation (PNG)",
    },
    # --- in the note, self-check -----------------------------------------------------------------
    "choose_rank.note": {
        "zh": "如果只保留最大的几个特征值(低秩近似)，就能用更少的参数近似W。",
        "en": "“If only the largest few eigenvalues are kept (a low-rank approximation), W can be "
        "approximated with fewer parameters.” (the note, translated)",
    },
    "choose_rank.precise": {
        "zh": "这里的“特征值”指奇异值；至于“几个”是多少，笔记没有说。没有噪声时，保留越多离原矩阵越近（Eckart–Young）；"
        "有噪声时，离真正的信号最近的是一个中间的 k：比它少，丢了信号；比它多，加回了噪声。"
        "奇异值落在噪声谱（Marchenko–Pastur）上沿附近或以下的方向，大多是噪声。"
        "Gavish 与 Donoho（2014）证明，对 m×n（m ≤ n）的矩阵，在 τ = λ*(β)·√n·σ 处截断是渐近最优的硬阈值；"
        "不知道 σ 时用 τ = ω(β)·median(σᵢ)，ω(β) ≈ 0.56β³ − 0.95β² + 1.82β + 1.43。",
        "en": "“Eigenvalues” here means singular values, and the note does not say how many "
        "“a few” is. Without noise, more directions always come nearer "
        "the matrix (Eckart–Young); with noise, the rank nearest the true signal is in between: "
        "fewer lose signal, more add the noise back. Directions whose singular values lie near "
        "or below the top of the noise bulk (Marchenko–Pastur) are mostly noise. Gavish & "
        "Donoho (2014) show that for an m×n matrix (m ≤ n) cutting at τ = λ*(β)·√n·σ is the "
        "asymptotically optimal hard threshold; with σ unknown, τ = ω(β)·median(σᵢ), "
        "ω(β) ≈ 0.56β³ − 0.95β² + 1.82β + 1.43.",
    },
    "choose_rank.q1.q": {
        "zh": "噪声变大时，离干净信号最近的 k 会怎样？",
        "en": "As the noise grows, what happens to the k nearest the clean signal?",
    },
    "choose_rank.q1.smaller": {"zh": "变小", "en": "It gets smaller"},
    "choose_rank.q1.larger": {"zh": "变大", "en": "It gets larger"},
    "choose_rank.q1.same": {"zh": "不变", "en": "It stays the same"},
    "choose_rank.q1.why": {
        "zh": "噪声越大，噪声谱的上沿越高，淹没的信号方向越多，值得保留的方向就越少。",
        "en": "More noise lifts the top of the noise bulk: it drowns more signal directions, so "
        "fewer are worth keeping.",
    },
    "choose_rank.q2.q": {
        "zh": "为什么 Yₖ 对带噪声的 Y 的误差只会下降？",
        "en": "Why does the error of Yₖ against the noisy Y only fall?",
    },
    "choose_rank.q2.eckart": {
        "zh": "它等于 √(σₖ₊₁² + … + σₚ²)，多保留一项就少一项",
        "en": "It is √(σₖ₊₁² + … + σₚ²): one more kept is one fewer left",
    },
    "choose_rank.q2.noise": {"zh": "因为噪声会随 k 变小", "en": "Because the noise shrinks with k"},
    "choose_rank.q2.luck": {"zh": "这只是这个随机种子的巧合", "en": "It is luck of this seed"},
    "choose_rank.q2.why": {
        "zh": "Eckart–Young：‖Y − Yₖ‖² = σₖ₊₁² + … + σₚ²，k 每加 1 就少一个非负项。"
        "可我们要的是干净的 X，不是 Y。",
        "en": "Eckart–Young: ‖Y − Yₖ‖² = σₖ₊₁² + … + σₚ², one non-negative term fewer for each "
        "k. But what we want is the clean X, not Y.",
    },
    "choose_rank.q3.q": {
        "zh": "不知道噪声水平时，最优硬阈值靠什么来估计它？",
        "en": "With the noise level unknown, what does the optimal hard threshold use instead?",
    },
    "choose_rank.q3.median": {"zh": "奇异值的中位数", "en": "The median singular value"},
    "choose_rank.q3.largest": {"zh": "最大的奇异值", "en": "The largest singular value"},
    "choose_rank.q3.energy": {"zh": "保留 90% 能量的 k", "en": "The k keeping 90% of the energy"},
    "choose_rank.q3.why": {
        "zh": "大多数奇异值来自噪声，它们的中位数几乎不受少数信号方向影响，"
        "与 Marchenko–Pastur 分布的中位数一比就得到 σ。",
        "en": "Most singular values come from the noise; their median hardly moves with a few "
        "signal directions, and against the Marchenko–Pastur median it gives σ.",
    },
}
