"""/why_delta_w: why LoRA factorises ΔW and not W — spectra, energy kept, accuracy when ΔW is cut to rank k (pages/6_why_delta_w.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- page 4: why ΔW ---------------------------------------------------------------------------
    "s2.why.question": {
        "zh": "为什么 LoRA 分解的是微调增量 ΔW，而不是预训练权重 W 本身？",
        "en": "Why does LoRA factorise the fine-tuning update ΔW and not the pretrained weights W?",
    },
    "s2.why.lead": {
        "zh": "下面四条曲线都是真实计算出来的：一个真实预训练模型（all-MiniLM-L6-v2）的权重矩阵、一个同样大小的随机高斯矩阵、"
        "本页自己训练的小网络（MLP）的预训练权重 W，以及把它在新任务上全量微调后得到的增量 ΔW = W_微调后 − W_微调前。"
        "横轴用 i/n（第 i 个奇异值 / 奇异值总数），这样大小不同的矩阵可以放在一张图上比较。",
        "en": "All four curves below are real computations: a weight matrix of a real pretrained model "
        "(all-MiniLM-L6-v2), a random Gaussian matrix of the same size, the pretrained weights W of a small "
        "network (MLP) this page trains itself, and the update ΔW = W_after − W_before that full fine-tuning "
        "on a new task adds to it. The x-axis is i/n (the i-th of n singular values), so matrices of "
        "different sizes share one chart.",
    },
    "s2.why.setup": {"zh": "设置", "en": "Setup"},
    "s2.why.shift": {
        "zh": "任务：预训练的数字 → 微调的数字",
        "en": "Task: pretraining digits → fine-tuning digits",
    },
    "s2.shift.low_high": {"zh": "0–4 → 5–9", "en": "0–4 → 5–9"},
    "s2.shift.even_odd": {"zh": "偶数 → 奇数", "en": "even → odd"},
    "s2.shift.rotate": {"zh": "0–9 → 旋转 90° 的 0–9", "en": "0–9 → 0–9 turned by 90°"},
    "s2.why.layer": {"zh": "MLP 的哪一层", "en": "MLP layer"},
    "s2.why.layer_option": {
        "zh": "第 {n} 层（W 为 {rows}×{cols}）",
        "en": "layer {n} (W is {rows}×{cols})",
    },
    "s2.why.reference": {"zh": "MiniLM 的哪个矩阵", "en": "MiniLM matrix"},
    "s2.minilm.query": {"zh": "第 0 层注意力 query W_q", "en": "layer-0 attention query W_q"},
    "s2.minilm.key": {"zh": "第 0 层注意力 key W_k", "en": "layer-0 attention key W_k"},
    "s2.minilm.value": {"zh": "第 0 层注意力 value W_v", "en": "layer-0 attention value W_v"},
    "s2.minilm.output": {"zh": "第 0 层注意力输出 W_o", "en": "layer-0 attention output W_o"},
    "s2.minilm.ffn_up": {"zh": "第 0 层前馈网络（升维）", "en": "layer-0 feed-forward (up)"},
    "s2.minilm.ffn_down": {"zh": "第 0 层前馈网络（降维）", "en": "layer-0 feed-forward (down)"},
    "s2.why.k": {"zh": "保留的秩 k", "en": "rank k kept"},
    "s2.why.progress_run": {
        "zh": "正在真实训练小网络：先预训练，再全量微调（只需算一次，所有同学共享）……",
        "en": "Training the small network for real: pretraining, then full fine-tuning (computed once, "
        "shared by everyone)…",
    },
    "s2.why.progress_accuracy": {
        "zh": "正在测量：把 ΔW 换成它的秩 k 截断后，模型的准确率……",
        "en": "Measuring the accuracy with ΔW replaced by its rank-k truncation…",
    },
    "s2.curve.minilm": {
        "zh": "预训练 W：MiniLM {name}（{rows}×{cols}）",
        "en": "pretrained W: MiniLM {name} ({rows}×{cols})",
    },
    "s2.curve.mlp": {
        "zh": "预训练 W：MLP 第 {n} 层（{rows}×{cols}）",
        "en": "pretrained W: MLP layer {n} ({rows}×{cols})",
    },
    "s2.curve.random": {
        "zh": "随机高斯矩阵（{rows}×{cols}）",
        "en": "random Gaussian ({rows}×{cols})",
    },
    "s2.curve.theory": {
        "zh": "Marchenko–Pastur 理论（随机矩阵）",
        "en": "Marchenko–Pastur theory (random)",
    },
    "s2.curve.delta": {
        "zh": "微调增量 ΔW：MLP 第 {n} 层（{rows}×{cols}）",
        "en": "update ΔW: MLP layer {n} ({rows}×{cols})",
    },
    "s2.why.chart_title": {
        "zh": "预训练 W 的谱是平的，ΔW 的谱是陡的",
        "en": "A pretrained W has a flat spectrum; ΔW has a steep one",
    },
    "s2.why.sigma_title": {
        "zh": "归一化奇异值 σᵢ / σ₁",
        "en": "Normalised singular values σᵢ / σ₁",
    },
    "s2.why.energy_title": {
        "zh": "前 i 个奇异值保留的能量",
        "en": "Energy kept by the first i singular values",
    },
    "s2.why.x": {"zh": "i / n（位置占比）", "en": "i / n (relative position)"},
    "s2.why.share_line": {"zh": "90% 的能量", "en": "90% of the energy"},
    "s2.why.finding": {
        "zh": "在 k = {k} 时：ΔW 保留了 {delta} 的能量；MLP 的预训练 W 保留 {mlp}；"
        "MiniLM 的{name}保留 {minilm}；随机矩阵只保留 {random}。",
        "en": "At k = {k}: ΔW keeps {delta} of its energy; the MLP's pretrained W keeps {mlp}; "
        "MiniLM's {name} keeps {minilm}; the random matrix keeps {random}.",
    },
    "s2.why.k_clipped": {
        "zh": "（矩阵的奇异值少于 k 个时，按它的全部奇异值计算。）",
        "en": "(A matrix with fewer than k singular values keeps all of them.)",
    },
    "s2.why.marks": {
        "zh": "虚线和圆点（颜色与各自的曲线相同）：每个矩阵在秩 k 处的位置。横轴是 i/n，"
        "所以同一个 k 在较小的矩阵（n 较小）上更靠右。把鼠标移到图上（或用手指点一下），可以看到每条曲线在那里的数值。",
        "en": "Dashed lines and dots, each in its curve's colour: where rank k sits on each matrix. "
        "The x-axis is i/n, so the same k sits further right on a smaller matrix (smaller n). Point "
        "at a chart (or tap it) to read every curve's value there.",
    },
    "s2.why.energy_axis": {"zh": "保留的能量", "en": "energy kept"},
    "s2.why.hover_random": {"zh": "随机矩阵", "en": "random"},
    "s2.why.hover_theory": {"zh": "MP 理论", "en": "MP theory"},
    "s2.why.hover": {
        "zh": "{name}：i = {i} / {n}，{value}",
        "en": "{name}: i = {i} of {n}, {value}",
    },
    "s2.why.sigma_alt": {
        "zh": "在秩 k = {k} 处，σₖ / σ₁：ΔW {delta}，W {mlp}，MiniLM {minilm}，随机矩阵 {random}"
        "（虚线是随机矩阵的 Marchenko–Pastur 理论）。",
        "en": "At rank k = {k}, σₖ / σ₁ is {delta} for ΔW, {mlp} for W, {minilm} for MiniLM and "
        "{random} for the random matrix (dashed: its Marchenko–Pastur theory).",
    },
    "s2.why.energy_alt": {
        "zh": "在秩 k = {k} 处：ΔW 保留 {delta} 的能量，W {mlp}，MiniLM {minilm}，随机矩阵 {random}"
        "（虚线是 90%）。",
        "en": "At rank k = {k}: ΔW keeps {delta} of its energy, W {mlp}, MiniLM {minilm} and the "
        "random matrix {random} (dotted: 90%).",
    },
    "s2.why.energy.delta": {"zh": "微调增量 ΔW（第 {n} 层）", "en": "update ΔW (layer {n})"},
    "s2.why.energy.mlp": {"zh": "预训练 W（MLP 第 {n} 层）", "en": "pretrained W (MLP layer {n})"},
    "s2.why.energy.minilm": {"zh": "预训练 W（MiniLM）", "en": "pretrained W (MiniLM)"},
    "s2.why.energy.random": {"zh": "随机高斯矩阵", "en": "random Gaussian"},
    "s2.why.energy.help": {
        "zh": "秩 k 保留的能量：前 k 个奇异值的平方和 / 全部奇异值的平方和。",
        "en": "Energy kept at rank k: the sum of the first k squared singular values over the sum "
        "of all of them.",
    },
    "s2.why.energy.rank": {
        "zh": "保留 {k} / {n} 个奇异值",
        "en": "{k} of {n} singular values kept",
    },
    "s2.col.matrix": {"zh": "矩阵", "en": "matrix"},
    "s2.col.shape": {"zh": "形状", "en": "shape"},
    "s2.col.numerical_rank": {"zh": "数值秩", "en": "numerical rank"},
    "s2.col.k90": {"zh": "达到 90% 需要的 k", "en": "k for 90%"},
    "s2.col.k90_share": {"zh": "k₉₀ / n", "en": "k₉₀ / n"},
    "s2.why.init_caution": {
        "zh": "一个提醒：小网络的 W 是从随机初始化开始训练的。第 {n} 层的 W 在初始化时需要 {init} / {size} 个奇异值才能保留 90% 的能量，"
        "预训练之后需要 {pre} / {size} 个——它平坦的谱主要是从随机起点继承来的，不是预训练造成的。"
        "所以“预训练权重接近满秩”更有力的证据是真实模型的权重：MiniLM 的{name}需要 {minilm} / {minilm_n} 个。",
        "en": "A caution: the small network's W was trained from a random start. Layer {n}'s W needed "
        "{init} of {size} singular values for 90% of its energy at initialisation and {pre} of {size} "
        "after pretraining: its flat spectrum is mostly inherited from the random start, not made by "
        "pretraining. The stronger evidence that pretrained weights are close to full rank is a real "
        "model's: MiniLM's {name} needs {minilm} of {minilm_n}.",
    },
    "s2.why.full_rank_note": {
        "zh": "注意“数值秩”一列：预训练矩阵和随机矩阵都是满秩的；连 ΔW 也有 {rank} / {n} 个不为 0 的方向，"
        "它并不是严格的低秩矩阵。区别不在秩，而在能量集中在哪里——这正是“低秩近似”能成立的原因。",
        "en": "Look at the numerical rank: the pretrained and random matrices are full rank, and even ΔW has "
        "{rank} of {n} directions that are not zero: it is not exactly low rank. The difference is not "
        "the rank but where the energy sits, and that is what makes a low-rank approximation work.",
    },
    "s2.why.mp_caption": {
        "zh": "随机 {m}×{n} 高斯矩阵（元素方差 1）的奇异值按 Marchenko–Pastur 定律分布在 "
        "[|√m − √n|, √m + √n] = [{lo}, {hi}] 之间；本页这个随机矩阵的实际范围是 [{smin}, {smax}]。"
        "它需要 {k90} 个方向才能保留 90% 的能量：这就是“满秩、谱平坦”的样子。",
        "en": "A random {m}×{n} Gaussian matrix (entries of variance 1) has its singular values spread "
        "over [|√m − √n|, √m + √n] = [{lo}, {hi}] (Marchenko–Pastur); the one on this page spans "
        '[{smin}, {smax}]. It needs {k90} directions for 90% of its energy: that is what "full rank, '
        'flat spectrum" looks like.',
    },
    "s2.why.accuracy_header": {
        "zh": "只用 ΔW 的前 k 个方向，微调后的模型还好用吗？",
        "en": "Is the fine-tuned model still good with only k directions of ΔW?",
    },
    "s2.why.accuracy_lead": {
        "zh": "把 ΔW 换成它的最佳秩 k 近似（保留最大的 k 个奇异值），W = W_微调前 + (ΔW)ₖ，"
        "再在没见过的新数字上测准确率。这是笔记里 GPT-3 那句话的“诚实版”：我们自己测，不引用没人报告过的数字。",
        "en": "Replace ΔW by its best rank-k approximation (keep the k largest singular values), "
        "W = W_before + (ΔW)ₖ, and measure the accuracy on held-out images of the new digits. This is the "
        "honest version of the note's GPT-3 sentence: measured here, not quoted from a paper that never "
        "reported it.",
    },
    "s2.why.acc_this": {"zh": "只截断第 {n} 层的 ΔW", "en": "only layer {n}'s ΔW truncated"},
    "s2.why.acc_all": {"zh": "每一层的 ΔW 都截断", "en": "every layer's ΔW truncated"},
    "s2.why.acc_before": {"zh": "微调前", "en": "before fine-tuning"},
    "s2.why.acc_after": {"zh": "全量微调", "en": "full fine-tuning"},
    "s2.why.acc_title": {
        "zh": "新任务上的准确率 vs ΔW 的截断秩 k（本应用自己的测量）",
        "en": "Accuracy on the new task vs the rank k of ΔW (this app's own measurement)",
    },
    "s2.why.acc_x": {"zh": "ΔW 保留的秩 k", "en": "rank k kept of ΔW"},
    "s2.why.acc_y": {"zh": "测试准确率", "en": "test accuracy"},
    "s2.why.acc_metric_this": {"zh": "只截断第 {n} 层的 ΔW", "en": "layer {n}'s ΔW only"},
    "s2.why.acc_metric_all": {"zh": "每一层的 ΔW 都截断", "en": "every layer's ΔW"},
    "s2.why.acc_at_this": {
        "zh": "截断到秩 min(k, {rank}) = {used}",
        "en": "truncated to rank min(k, {rank}) = {used}",
    },
    "s2.why.acc_at_all": {
        "zh": "每层截断到秩 min(k, 该层的秩)：第 1–{layers} 层依次为 {ranks}",
        "en": "each layer at rank min(k, its rank): {ranks} for layers 1–{layers}",
    },
    "s2.why.acc_hover": {"zh": "{name}：k = {k}，{value}", "en": "{name}: k = {k}, {value}"},
    "s2.why.acc_level": {"zh": "{name}：{value}", "en": "{name}: {value}"},
    "s2.why.acc_alt": {
        "zh": "在 k = {k} 时：{this_name}，准确率 {this}；{all_name}，准确率 {all}"
        "（虚线：全量微调 {after}，微调前 {before}）。",
        "en": "At k = {k}: {this} with {this_name}, {all} with {all_name} (dotted: full "
        "fine-tuning {after}, before fine-tuning {before}).",
    },
    "s2.why.acc_metric_after": {"zh": "全量微调（完整 ΔW）", "en": "full fine-tuning (whole ΔW)"},
    "s2.why.acc_metric_before": {"zh": "微调前", "en": "before fine-tuning"},
    "s2.why.own_measurement": {
        "zh": "以上数字都是本应用在 scikit-learn 自带的 8×8 手写数字上实时训练、实时测量的结果（种子 0，"
        "测试集 {n_test} 张新数字图片），不是论文数据，而且只对上面选的任务和层成立。三个任务我们都测过："
        "第 1、2 层（64、128 个奇异值）对比很清楚，ΔW 最多用六分之一的奇异值就保留 90% 的能量，W 要一半左右或更多；"
        "第 3 层只有 10 个奇异值，对比就弱了：ΔW 也要一半左右或更多，W 几乎要全部；"
        "而每一层都只保留这么少的方向，新任务的准确率可能掉好几个百分点。",
        "en": "These numbers are this app's own measurement: a network trained live on scikit-learn's "
        "bundled 8×8 digits (seed 0, {n_test} held-out test images of the new digits), not figures from a "
        "paper, and they hold for the task and layer chosen above. Measured on all three tasks: layers 1 "
        "and 2 (64 and 128 singular values) show the contrast clearly, ΔW needing at most a sixth of its "
        "singular values for 90% of the energy and W about half or more; layer 3 has only 10 singular "
        "values and the contrast is weak there, ΔW too needing about half or more and W nearly all; and "
        "keeping so few directions in every layer can cost several points of accuracy on the new task.",
    },
    "s2.why.note": {
        "zh": "微调后的权重变化ΔW的奇异值分解，大部分信息集中在少数几个特征值上。在 GPT-3 上测试时发现，"
        "ΔW 的前10-20个特征值就占据了90%以上的信息。……一般预训练模型的原始权重W基本接近满秩，"
        "特征值平滑（数字大小差别不大）。",
        "en": "“微调后的权重变化ΔW的奇异值分解，大部分信息集中在少数几个特征值上。在 GPT-3 上测试时发现，"
        "ΔW 的前10-20个特征值就占据了90%以上的信息。” (The SVD of the fine-tuning change ΔW concentrates "
        "most information in a few eigenvalues; tests on GPT-3 found that ΔW's top 10–20 eigenvalues "
        "hold over 90% of the information. … A pretrained W is close to full rank, with smooth "
        "eigenvalues.)",
    },
    "s2.why.precise": {
        "zh": "方向是对的，但有三处要改准确：(1) 说的是奇异值，不是特征值；(2) LoRA 论文"
        "（Hu et al., 2021, arXiv:2106.09685）并没有报告“前 10–20 个奇异值占 90% 以上”这个数字；"
        "(3) “信息”没有精确的定义，能量化的替代是能量 Σσᵢ²（平方 Frobenius 范数）的占比：它是一个代理指标，不是信息本身。论文实际报告的是下面这些。",
        "en": "The direction is right, with three corrections: (1) these are singular values, not "
        "eigenvalues; (2) the LoRA paper (Hu et al., 2021, arXiv:2106.09685) does not report "
        '"the top 10–20 hold over 90%"; (3) "information" has no precise meaning here; what can be '
        "measured in its place is the share of the energy Σσᵢ² (the squared Frobenius norm), a proxy, "
        "not information itself. What the paper does report is below.",
    },
    "s2.why.paper": {
        "zh": "- **表 6**（GPT-3，LoRA 作用于 W_q 和 W_v）：r = 1, 2, 4, 8, 64 时 WikiSQL 为 "
        "73.4 / 73.3 / 73.7 / 73.8 / 73.5，MNLI-m 为 91.3 / 91.4 / 91.3 / 91.6 / 91.4——"
        "“秩小到 1 就够了”。\n"
        "- **第 7 节 / 表 7**（第 48 层 W_q）：r = 4 时 ‖ΔW_q‖_F = 6.91，而 ‖W_q‖_F = 61.95；"
        "放大系数 ‖ΔW‖_F / ‖Uᵀ W Vᵀ‖_F（U、V 是 ΔW 的前 r 个左、右奇异向量）在 r = 4 时约为 21.5，r = 64 时约为 2："
        "ΔW 放大的是 W 里本来不突出的方向。\n"
        "- 另有不同秩之间的子空间相似度分析。\n\n"
        "来源：Hu et al., 2021, *LoRA: Low-Rank Adaptation of Large Language Models*, "
        "arXiv:2106.09685，表 6、表 7 与第 7 节。",
        "en": "- **Table 6** (GPT-3, LoRA on W_q and W_v): r = 1, 2, 4, 8, 64 give WikiSQL "
        '73.4 / 73.3 / 73.7 / 73.8 / 73.5 and MNLI-m 91.3 / 91.4 / 91.3 / 91.6 / 91.4: "a rank as '
        'small as one suffices".\n'
        "- **Section 7 / Table 7** (layer 48, W_q): ‖ΔW_q‖_F = 6.91 for r = 4 against ‖W_q‖_F = 61.95; "
        "the amplification factor ‖ΔW‖_F / ‖Uᵀ W Vᵀ‖_F (U, V: the top-r left and right singular vectors "
        "of ΔW) is about 21.5 for r = 4 and about 2 for "
        "r = 64: ΔW amplifies directions that W does not emphasise.\n"
        "- Plus a subspace-similarity analysis between ranks.\n\n"
        "Source: Hu et al., 2021, *LoRA: Low-Rank Adaptation of Large Language Models*, "
        "arXiv:2106.09685, Tables 6 and 7 and Section 7.",
    },
    "s2.why.measured": {
        "zh": "本页自己的测量（不是论文数字）：MLP 第 {n} 层的 ΔW 需要 **{k_delta}** / {n_delta} 个奇异值"
        "保留 90% 能量，而同一层的预训练 W 需要 {k_w} / {n_w}，MiniLM 的{name}需要 {k_minilm} / "
        "{n_minilm}；只保留 ΔW 的前 {k_delta} 个方向（所有层）时，新任务准确率为 {acc}"
        "（完整 ΔW：{acc_full}）。",
        "en": "This page's own measurement (not a paper's figure): ΔW of the MLP's layer {n} needs "
        "**{k_delta}** of {n_delta} singular values for 90% of its energy, against {k_w} of {n_w} for "
        "the same layer's pretrained W and {k_minilm} of {n_minilm} for MiniLM's {name}; keeping only "
        "ΔW's top {k_delta} directions (every layer) gives {acc} on the new task (whole ΔW: "
        "{acc_full}).",
    },
    "s2.why.q1.q": {
        "zh": "k = 8 时，哪个矩阵保留的能量占比最高？",
        "en": "At k = 8, which matrix keeps the largest share of its energy?",
    },
    "s2.why.q1.delta": {"zh": "微调增量 ΔW", "en": "the fine-tuning update ΔW"},
    "s2.why.q1.minilm": {"zh": "MiniLM 的预训练 W_q", "en": "MiniLM's pretrained W_q"},
    "s2.why.q1.random": {"zh": "随机高斯矩阵", "en": "the random Gaussian matrix"},
    "s2.why.q1.why": {
        "zh": "ΔW 的能量集中在少数几个方向上，所以只保留很小的 k 就能留住大部分；预训练 W 和随机矩阵的能量分散在很多方向上。",
        "en": "ΔW's energy sits in a few directions, so a small k keeps most of it; a pretrained W and "
        "a random matrix spread their energy over many directions.",
    },
    "s2.why.q2.q": {
        "zh": "384×384 的随机高斯矩阵，大约需要多少个奇异值才能保留 90% 的能量？",
        "en": "About how many singular values does a 384×384 random Gaussian matrix need for 90% of "
        "its energy?",
    },
    "s2.why.q2.few": {"zh": "大约 5 个", "en": "about 5"},
    "s2.why.q2.twenty": {"zh": "大约 20 个", "en": "about 20"},
    "s2.why.q2.half": {"zh": "大约一半", "en": "about half"},
    "s2.why.q2.why": {
        "zh": "随机矩阵的奇异值服从 Marchenko–Pastur 分布，没有几个方向特别突出，能量分散在所有方向上，"
        "要保留 90% 大约需要一半的方向；上面的表格里有本页实测的数字。",
        "en": "A random matrix's singular values follow the Marchenko–Pastur law, with no few dominant "
        "directions: its energy is spread over all of them, and about half are needed for 90%; the "
        "table above has this page's measured figure.",
    },
    "s2.why.q3.q": {
        "zh": "关于 GPT-3，LoRA 论文实际报告了什么？",
        "en": "What does the LoRA paper actually report about GPT-3?",
    },
    "s2.why.q3.top20": {
        "zh": "ΔW 的前 10–20 个奇异值占 90% 以上的能量",
        "en": "ΔW's top 10–20 singular values hold over 90% of its energy",
    },
    "s2.why.q3.rank": {
        "zh": "只在 W_q、W_v 上用秩 1–8 的 LoRA，效果就和全量微调差不多",
        "en": "LoRA of rank 1–8 on W_q and W_v does about as well as full fine-tuning",
    },
    "s2.why.q3.lowrank_w": {
        "zh": "预训练的 W 本身就是低秩的",
        "en": "the pretrained W itself is low rank",
    },
    "s2.why.q3.why": {
        "zh": "见论文表 4（GPT-3 上 LoRA 与全量微调的对比，r = 8 时只训练 37.7M 个参数）和表 6（r = 1 就和 r = 64 差不多）。"
        "“前 10–20 个占 90%”这句话论文里没有；本页的谱和准确率曲线是我们自己测的。",
        "en": "See the paper's Table 4 (LoRA against full fine-tuning on GPT-3; at r = 8 it trains "
        '37.7M parameters) and Table 6 (r = 1 does about as well as r = 64). "Top 10–20 hold 90%" '
        "is not in the paper; this page's spectra and accuracy curve are our own measurements.",
    },
    "s2.why.dl_spectra": {"zh": "奇异值谱（CSV）", "en": "Spectra (CSV)"},
    "s2.why.dl_accuracy": {"zh": "准确率 vs k（CSV）", "en": "Accuracy vs k (CSV)"},
}
