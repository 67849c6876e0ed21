"""Texts of /svd_meets_lora (keys ``sml.…``): LoRA's starts, intruder dimensions, the LR map."""

MESSAGES: dict[str, dict[str, str]] = {
    "sml.question": {
        "zh": "SVD 能帮 LoRA 选起点吗？LoRA 改 W 的方式和全量微调一样吗？三个在本应用自己的网络上实测的比较。",
        "en": "Can the SVD choose where LoRA starts, and does LoRA change W the way full fine-tuning does? Three comparisons, measured on the app's own network.",
    },
    "sml.settings": {"zh": "设置", "en": "Settings"},
    "sml.task": {"zh": "任务", "en": "Task"},
    "sml.rank": {"zh": "秩 r", "en": "Rank r"},
    "sml.fixed": {
        "zh": "与 /training 相同的网络（64→128→128→10，先在旧数字上预训练）；LoRA 加在 W1 和 W2 上，α = {alpha}，学习率 {lr}（Adam），{steps} 步，种子 0。所有方法用同一批次顺序。",
        "en": "The network of /training (64→128→128→10, pretrained on the old digits); LoRA on W1 and W2, α = {alpha}, learning rate {lr} (Adam), {steps} steps, seed 0. Every method sees the same batches in the same order.",
    },
    "sml.link": {
        "zh": "SVD 遇上 LoRA：PiSSA 初始化、入侵维度、秩 × 学习率",
        "en": "SVD meets LoRA: PiSSA starts, intruder dimensions, rank × learning rate",
    },
    # --- 1. starts ------------------------------------------------------------------------------------
    "sml.starts.header": {"zh": "1. A 和 B 从哪里开始", "en": "1. Where A and B start"},
    "sml.starts.intro": {
        "zh": "四种起点（字母按笔记：ΔW = s·A×B，A 是 d×r，B 是 r×k，s = α/r）：\n\n"
        "- **论文**（Hu 等，2021）：B 取高斯随机数（PEFT 的标准差 1/r），A = 0。\n"
        "- **PEFT 默认**：B 取 Kaiming 均匀分布（±1/√k），A = 0，即 /training 的起点。\n"
        "- **PiSSA**（Meng 等，2024）：W = UΣVᵀ，取前 r 个奇异值和奇异向量，A = Uᵣ√(Σᵣ/s)，B = √(Σᵣ/s)Vᵣᵀ，于是 s·A×B = UᵣΣᵣVᵣᵀ；冻结的不再是 W，而是残差 W_res = W − s·A×B。\n"
        "- **OLoRA**：W 的 QR 分解 W = QR，A = Qᵣ（正交的列），B = Rᵣ，冻结 W_res = W − s·QᵣRᵣ。\n\n"
        "四种起点在第 0 步都不改变网络的输出：前两种因为 ΔW = 0，后两种因为 W_res + s·A×B = W。",
        "en": "Four starts (the note's letters: ΔW = s·A×B, A is d×r, B is r×k, s = α/r):\n\n"
        "- **The paper's** (Hu et al., 2021): B Gaussian (PEFT's standard deviation 1/r), A = 0.\n"
        "- **PEFT's default**: B Kaiming-uniform (±1/√k), A = 0 — the start of /training.\n"
        "- **PiSSA** (Meng et al., 2024): W = UΣVᵀ; take the top r singular values and vectors, A = Uᵣ√(Σᵣ/s), B = √(Σᵣ/s)Vᵣᵀ, so s·A×B = UᵣΣᵣVᵣᵀ; what is frozen is no longer W but the residual W_res = W − s·A×B.\n"
        "- **OLoRA**: W's QR decomposition W = QR; A = Qᵣ (orthonormal columns), B = Rᵣ; frozen W_res = W − s·QᵣRᵣ.\n\n"
        "None of them changes the network's output at step 0: the first two because ΔW = 0, the other two because W_res + s·A×B = W.",
    },
    "sml.letters": {
        "zh": 'PEFT 的名字与笔记相反：`lora_A`（r×输入）是笔记的 B，`lora_B`（输出×r）是笔记的 A。选项是 `LoraConfig(init_lora_weights=...)`：`True`、`"gaussian"`、`"pissa"`、`"olora"`（peft/tuners/lora/layer.py 的 reset_lora_parameters、pissa_init、olora_init）。PiSSA 像 PEFT 一样先把 Σᵣ 除以 s；OLoRA 不除，所以它的残差减去 s·QᵣRᵣ。',
        "en": 'PEFT\'s names are the other way round: `lora_A` (r×in) is the note\'s B, `lora_B` (out×r) the note\'s A. The option is `LoraConfig(init_lora_weights=...)`: `True`, `"gaussian"`, `"pissa"`, `"olora"` (reset_lora_parameters, pissa_init and olora_init in peft/tuners/lora/layer.py). PiSSA divides Σᵣ by s first, as PEFT does; OLoRA does not, so its residual subtracts s·QᵣRᵣ.',
    },
    "sml.start.gaussian": {"zh": "论文（高斯，0）", "en": "Paper (Gaussian, 0)"},
    "sml.start.kaiming": {"zh": "PEFT 默认（Kaiming，0）", "en": "PEFT default (Kaiming, 0)"},
    "sml.start.pissa": {"zh": "PiSSA", "en": "PiSSA"},
    "sml.start.olora": {"zh": "OLoRA", "en": "OLoRA"},
    "sml.col.start": {"zh": "起点", "en": "Start"},
    "sml.col.peft": {"zh": "PEFT 选项", "en": "PEFT option"},
    "sml.col.frozen": {"zh": "冻结的权重", "en": "Frozen weight"},
    "sml.col.shift": {"zh": "max |冻结 − W|", "en": "max |frozen − W|"},
    "sml.col.gap": {"zh": "第 0 步 max |输出差|", "en": "Step 0: max |Δ output|"},
    "sml.col.acc": {"zh": "新任务准确率", "en": "Accuracy: new"},
    "sml.col.old": {"zh": "旧任务准确率", "en": "Accuracy: old"},
    "sml.frozen.w": {"zh": "W 本身", "en": "W itself"},
    "sml.frozen.residual": {"zh": "W_res", "en": "W_res"},
    "sml.starts.gap_text": {
        "zh": "第 0 步，在全部 {n} 张测试图上，网络输出（logits）与预训练网络的最大差：A = 0 的两种起点是 {zero}，PiSSA 和 OLoRA 是 {residual}，只是浮点舍入。",
        "en": "At step 0, over all {n} test images, the largest difference between the network's outputs (logits) and the pretrained network's: {zero} for the two starts with A = 0, {residual} for PiSSA and OLoRA — rounding only.",
    },
    "sml.spectrum.x": {
        "zh": "i（点线：r = {r} 和 2r = {r2}）",
        "en": "i (dotted: r = {r} and 2r = {r2})",
    },
    "sml.step": {"zh": "步", "en": "step"},
    "sml.loss.y": {"zh": "训练损失", "en": "training loss"},
    "sml.loss.title": {
        "zh": "训练损失（每 {window} 步的平均，同一种子、同一批次）",
        "en": "Training loss (mean of every {window} steps; same seed, same batches)",
    },
    "sml.spectrum.title": {
        "zh": "训练后 W{layer}′ − W{layer} 的奇异值",
        "en": "Singular values of W{layer}′ − W{layer} after training",
    },
    "sml.spectrum.text": {
        "zh": "训练后，W{layer} 的更新 W′ − W 的秩：A = 0 的起点是 {zero}（不超过 r = {r}，因为 W′ − W = s·A×B）；PiSSA 和 OLoRA 是 {residual}（不超过 2r = {r2}，因为 W′ − W = s·(A×B − A₀×B₀)，是两个秩 r 乘积之差）。",
        "en": "After training, the rank of W{layer}'s update W′ − W: {zero} for the starts with A = 0 (at most r = {r}, as W′ − W = s·A×B); {residual} for PiSSA and OLoRA (at most 2r = {r2}, as W′ − W = s·(A×B − A₀×B₀), a difference of two rank-r products).",
    },
    "sml.starts.final": {
        "zh": "{steps} 步后的平均训练损失（最后 {window} 步）：{losses}。",
        "en": "Mean training loss over the last {window} of {steps} steps: {losses}.",
    },
    "sml.download.curves": {"zh": "下载损失曲线（CSV）", "en": "Download the loss curves (CSV)"},
    "sml.progress.starts": {"zh": "训练四种起点……", "en": "Training the four starts…"},
    # --- 2. intruders ---------------------------------------------------------------------------------
    "sml.intr.header": {
        "zh": "2. 入侵维度：LoRA 改 W 的方式和全量微调一样吗",
        "en": "2. Intruder dimensions: does LoRA change W the way full fine-tuning does?",
    },
    "sml.intr.intro": {
        "zh": "Shuttleworth 等（2024，“LoRA vs Full Fine-tuning: An Illusion of Equivalence”）：取微调后 W′ 的前 {top} 个左奇异向量，每个与原 W 的所有左奇异向量比，取最大的 |余弦|；小于 ε = {eps} 的叫“入侵维度”，它与 W 原有的任何方向都不像。下面是 W{layer}（128×128）在 LoRA 各个秩和全量微调（同一任务、步数、批次）之后的结果，旁边是旧任务的准确率（遗忘了多少）。",
        "en": "Shuttleworth et al. (2024, “LoRA vs Full Fine-tuning: An Illusion of Equivalence”): take the top {top} left singular vectors of the fine-tuned W′ and, for each, its largest |cosine| with any left singular vector of the original W; one below ε = {eps} is an “intruder dimension”, like none of W's directions. Below: W{layer} (128×128) after LoRA at each rank and after full fine-tuning (same task, steps and batches), with the old task's accuracy beside it (how much was forgotten).",
    },
    "sml.col.method": {"zh": "方法", "en": "Method"},
    "sml.col.intruders": {"zh": "入侵维度", "en": "Intruders"},
    "sml.col.lowest": {"zh": "最小的最大 |余弦|", "en": "Lowest best |cos|"},
    "sml.full": {"zh": "全量微调", "en": "Full fine-tuning"},
    "sml.full_short": {"zh": "全量", "en": "Full FT"},
    "sml.full_at": {"zh": "全量微调（学习率 {lr}）", "en": "Full fine-tuning (lr {lr})"},
    "sml.col.lr": {"zh": "学习率", "en": "Learning rate"},
    "sml.best.title": {
        "zh": "W′ 的每个前排奇异向量与 W 的最佳匹配（✗：入侵维度）",
        "en": "Each top singular vector of W′: its best match in W (✗: intruder)",
    },
    "sml.best.x": {"zh": "W′ 的第 j 个奇异向量", "en": "j-th singular vector of W′"},
    "sml.best.y": {"zh": "最大 |余弦|（虚线：ε = {eps}）", "en": "best |cos| (dashed: ε = {eps})"},
    "sml.intr.verdict": {
        "zh": "实测：LoRA（学习率 {lora_lr}）在 r = 1…32 上有 {lora_low}–{lora_high} 个入侵维度，旧任务准确率 {old_low}–{old_high}；全量微调{full}（预训练网络在旧任务上：{pre}）。",
        "en": "Measured: LoRA (learning rate {lora_lr}) at r = 1…32 has {lora_low}–{lora_high} intruders and keeps {old_low}–{old_high} on the old task; full fine-tuning has {full} (the pretrained network on the old task: {pre}).",
    },
    "sml.intr.full_part": {
        "zh": "在学习率 {lr} 时有 {count} 个（旧任务 {old}）",
        "en": "{count} at learning rate {lr} (old task {old})",
    },
    "sml.join": {"zh": "，", "en": "; "},
    "sml.intr.same_more": {
        "zh": "在与 LoRA 相同的学习率 {lr} 下，全量微调的入侵维度比 LoRA 的任何一个秩都多：这里入侵维度跟着学习率走，不只跟着方法走。",
        "en": "At LoRA's own learning rate {lr}, full fine-tuning has more intruders than LoRA at any rank: here the intruders follow the learning rate, not only the method.",
    },
    "sml.intr.same_not_more": {
        "zh": "在与 LoRA 相同的学习率 {lr} 下，全量微调的入侵维度也不比 LoRA 的最多的那个秩多。",
        "en": "At LoRA's own learning rate {lr}, full fine-tuning has no more intruders than LoRA's highest count.",
    },
    "sml.intr.caveat": {
        "zh": "一个小网络、一个种子、每种设置一次运行；论文是在大语言模型上测的。",
        "en": "One small network, one seed, one run per setting; the paper measured large language models.",
    },
    "sml.progress.sweep": {
        "zh": "训练 LoRA（r = 1…32）和全量微调……",
        "en": "Training LoRA (r = 1…32) and full fine-tuning…",
    },
    # --- 3. the grid ----------------------------------------------------------------------------------
    "sml.grid.header": {"zh": "3. 秩 × 学习率", "en": "3. Rank × learning rate"},
    "sml.grid.intro": {
        "zh": "每格是一次 {steps} 步的短训练（同一种子、同一批次），数值是训练后在全部微调训练集上的损失；★ 是每行最好的学习率。“LoRA Without Regret”（Thinking Machines，2025）报告：用 α/r 缩放时，LoRA 的最佳学习率约为全量微调的 10 倍，而且几乎不随 r 变化。rsLoRA（Kalajdzievski，2023）把缩放改成 α/√r。",
        "en": "Each cell is one short run of {steps} steps (same seed, same batches); its value is the loss on the whole fine-tuning training set afterwards; ★ marks each row's best learning rate. “LoRA Without Regret” (Thinking Machines, 2025) reports that with the α/r scale LoRA's best learning rate is about 10× full fine-tuning's and nearly independent of r. rsLoRA (Kalajdzievski, 2023) scales by α/√r instead.",
    },
    "sml.rslora": {"zh": "rsLoRA：缩放用 α/√r", "en": "rsLoRA: scale by α/√r"},
    "sml.grid.title": {"zh": "训练后的损失（越小越好）", "en": "Final loss (lower is better)"},
    "sml.grid.x": {"zh": "学习率", "en": "learning rate"},
    "sml.col.best_lr": {"zh": "最佳学习率", "en": "Best learning rate"},
    "sml.col.ratio": {"zh": "÷ 全量微调的", "en": "÷ full FT's"},
    "sml.grid.verdict": {
        "zh": "本页的发现：全量微调的最佳学习率是 {full}；LoRA 各秩的最佳学习率是它的 {ratio} 倍（{near}）；不同秩之间，LoRA 的最佳学习率最多相差 {spread} 倍（{flat}）。",
        "en": "Found here: full fine-tuning's best learning rate is {full}; LoRA's, rank by rank, is {ratio}× that ({near}); across ranks LoRA's best rate varies by a factor of {spread} at most ({flat}).",
    },
    "sml.grid.near": {"zh": "与约 10 倍的报告相近", "en": "close to the reported ≈10×"},
    "sml.grid.not_near": {
        "zh": "不是报告的约 10 倍：这个小网络和大语言模型不同",
        "en": "not the reported ≈10×: this small network is not a large language model",
    },
    "sml.grid.flat": {"zh": "在这个网格上与秩无关", "en": "independent of r on this grid"},
    "sml.grid.moves": {
        "zh": "随 r 变化；网格的一格是半个数量级，约 3.2 倍",
        "en": "it moves with r; one cell of this grid is half a decade, about 3.2×",
    },
    "sml.download.grid": {"zh": "下载网格（CSV）", "en": "Download the grid (CSV)"},
    "sml.progress.grid": {
        "zh": "训练网格上的 56 次短训练……",
        "en": "Training the grid's 56 short runs…",
    },
    "sml.sources": {
        "zh": "来源：Hu 等，2021，LoRA（arXiv:2106.09685）；Meng 等，2024，PiSSA（arXiv:2404.02948）；Shuttleworth 等，2024，LoRA vs Full Fine-tuning: An Illusion of Equivalence（arXiv:2410.21228）；Thinking Machines，2025，LoRA Without Regret；Kalajdzievski，2023，rsLoRA（arXiv:2312.03732）。表中的数字都是本页自己的测量。",
        "en": "Sources: Hu et al., 2021, LoRA (arXiv:2106.09685); Meng et al., 2024, PiSSA (arXiv:2404.02948); Shuttleworth et al., 2024, LoRA vs Full Fine-tuning: An Illusion of Equivalence (arXiv:2410.21228); Thinking Machines, 2025, LoRA Without Regret; Kalajdzievski, 2023, rsLoRA (arXiv:2312.03732). Every number in the tables is this page's own measurement.",
    },
    # --- the note and the self-check ------------------------------------------------------------------
    "sml.note.says": {
        "zh": "W' = W + ΔW = W + A × B……通过 LORA 微调，调参对象从 W 变为 A、B。",
        "en": "W' = W + ΔW = W + A × B … with LoRA fine-tuning, what is tuned changes from W to A and B.",
    },
    "sml.note.precise": {
        "zh": "对 A = 0 的起点是这样：冻结的就是 W，ΔW = s·A×B 的秩不超过 r。PiSSA 和 OLoRA 冻结的是残差 W_res，A×B 一开始就不为 0；训练带来的更新 W′ − W = s·(A×B − A₀×B₀) 的秩可以到 2r。",
        "en": "For the starts with A = 0, yes: what is frozen is W itself, and ΔW = s·A×B has rank at most r. PiSSA and OLoRA freeze the residual W_res instead, and A×B is not 0 at the start; the update training makes, W′ − W = s·(A×B − A₀×B₀), can have rank up to 2r.",
    },
    "sml.q1.q": {
        "zh": "PiSSA 开始时，网络的输出为什么与预训练网络相同？",
        "en": "Why is the network's output at PiSSA's start the pretrained one?",
    },
    "sml.q1.zero": {"zh": "因为 A = 0", "en": "Because A = 0"},
    "sml.q1.residual": {
        "zh": "因为冻结的是 W_res = W − s·A×B",
        "en": "Because what is frozen is W_res = W − s·A×B",
    },
    "sml.q1.small": {"zh": "因为 A×B 很小", "en": "Because A×B is small"},
    "sml.q1.why": {
        "zh": "A×B 是 W 的主成分，一点也不小；是残差加回去，W_res + s·A×B = W。",
        "en": "A×B is W's principal part, not small at all; the residual adds it back: W_res + s·A×B = W.",
    },
    "sml.q2.q": {
        "zh": "一个奇异向量什么时候算“入侵维度”？",
        "en": "When is a singular vector an “intruder dimension”?",
    },
    "sml.q2.large": {
        "zh": "它的奇异值比 W 的都大",
        "en": "Its singular value is larger than all of W's",
    },
    "sml.q2.unlike": {
        "zh": "它与 W 的每个奇异向量的 |余弦| 都小于 ε",
        "en": "Its |cosine| with every singular vector of W is below ε",
    },
    "sml.q2.new": {"zh": "它来自 A 的某一列", "en": "It is a column of A"},
    "sml.q2.why": {
        "zh": "只看方向：W′ 的前排奇异向量若与 W 的所有方向都不像，就是新来的。",
        "en": "Only the direction counts: a top singular vector of W′ that resembles none of W's directions is new.",
    },
    "sml.q3.q": {
        "zh": "PiSSA 训练后，W′ − W 的秩为什么可以到 2r？",
        "en": "After PiSSA trains, why can W′ − W have rank up to 2r?",
    },
    "sml.q3.factors": {"zh": "A 和 B 的秩都是 2r", "en": "A and B each have rank 2r"},
    "sml.q3.difference": {
        "zh": "它是 s·(A×B − A₀×B₀)，两个秩 r 乘积之差",
        "en": "It is s·(A×B − A₀×B₀), a difference of two rank-r products",
    },
    "sml.q3.residual": {"zh": "W_res 的秩是 2r", "en": "W_res has rank 2r"},
    "sml.q3.why": {
        "zh": "W_res 冻结不动；变的是 A×B，减去它的起点 A₀×B₀，两项各自的秩不超过 r。",
        "en": "W_res stays frozen; what changes is A×B, minus its start A₀×B₀, each of rank at most r.",
    },
}
