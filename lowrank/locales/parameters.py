"""/parameters: ΔW = A×B, the parameter count on the note's example and on real models (pages/7_parameters.py, lowrank/views/parameters.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- page 5: parameters -------------------------------------------------------------------------
    "s2.par.question": {
        "zh": "把 ΔW 写成 A×B，到底省了多少参数？什么时候反而更多？",
        "en": "How many numbers does writing ΔW as A×B save, and when does it cost more?",
    },
    "s2.par.example_header": {"zh": "笔记里的例子", "en": "The note's example"},
    "s2.par.example_quote": {
        "zh": "原来：ΔW 是 5×4 矩阵，20 个参数。分解后：A 是 5×2 矩阵，10 个参数；B 是 2×4 矩阵，8 个参数。"
        "参数量从 20 个减少为 18 个。",
        "en": "Before: ΔW is a 5×4 matrix, 20 parameters. After factorising: A is 5×2, 10 parameters; "
        "B is 2×4, 8 parameters. From 20 parameters down to 18.",
    },
    "s2.par.m_full": {"zh": "ΔW（完整）", "en": "ΔW (full)"},
    "s2.par.m_a": {"zh": "A（d×r）", "en": "A (d×r)"},
    "s2.par.m_b": {"zh": "B（r×k）", "en": "B (r×k)"},
    "s2.par.m_total": {"zh": "A + B", "en": "A + B"},
    "s2.par.typo": {
        "zh": "笔记原文写的是“A是5×2矩阵 10 个参数, A是2×4矩阵 8 个参数”——第二个 A 是笔误，2×4 的那个因子是 B。",
        "en": 'The note writes "A是5×2矩阵 10 个参数, A是2×4矩阵 8 个参数" (A twice): the second A is a '
        "typo; the 2×4 factor is B.",
    },
    "s2.par.try_header": {"zh": "换成任意大小试试", "en": "Try any size"},
    "s2.par.d": {"zh": "d（ΔW 的行数 = 输出维度）", "en": "d (rows of ΔW = outputs)"},
    "s2.par.k": {"zh": "k（ΔW 的列数 = 输入维度）", "en": "k (columns of ΔW = inputs)"},
    "s2.par.r": {"zh": "秩 r", "en": "rank r"},
    "s2.par.r_capped": {
        "zh": "r 不能超过 min(d, k) = {max_r}，已调整为 {max_r}。",
        "en": "r cannot exceed min(d, k) = {max_r}; it was set to {max_r}.",
    },
    "s2.par.cost_title": {
        "zh": "要存的数 vs 秩 r：r(d + k) 与 d·k 在 r = dk/(d+k) = {value} 相交",
        "en": "Numbers stored vs rank r: r(d + k) meets d·k at r = dk/(d+k) = {value}",
    },
    "s2.par.cost_x": {"zh": "秩 r", "en": "rank r"},
    "s2.par.cost_y": {"zh": "要训练/存储的数", "en": "numbers to train and store"},
    "par.cost_y_thousands": {
        "zh": "要训练/存储的数（千）",
        "en": "numbers to train and store (thousands)",
    },
    "par.cost_y_millions": {
        "zh": "要训练/存储的数（百万）",
        "en": "numbers to train and store (millions)",
    },
    "par.cost_level": {
        "zh": "完整 ΔW：d·k = {full}",
        "en": "full ΔW: d·k = {full}",
    },
    "par.cost_alt": {
        "zh": "要存的数随 r 变化：A + B 共 r(d + k) 个，从 r = 1 时的 {first} 到 r = {top} 时的 {last}，"
        "在 r = {value} 处与完整 ΔW 的 {full} 个相等；现在 r = {r}，A + B 共 {lora} 个。",
        "en": "Numbers stored against r: A + B hold r(d + k), from {first} at r = 1 to {last} at "
        "r = {top}, equal to the full ΔW's {full} at r = {value}; now r = {r}, A + B hold {lora}.",
    },
    "s2.par.cost_lora": {"zh": "A + B：r(d + k)", "en": "A + B: r(d + k)"},
    "s2.par.models_header": {"zh": "真实模型", "en": "Real models"},
    "s2.par.models_lead": {
        "zh": "每个模型的参数量都由它公开的配置（隐藏维度、层数、注意力头数、键/值头数、词表、前馈维度……）算出来"
        "（GPT-3 例外：配置算不出论文的总数，本页用论文报告的数字，见下文）；"
        "LoRA 给每一层选中的每个矩阵（形状 d_out×d_in）加上秩 r 的两个因子，训练 r(d_in + d_out) 个数。",
        "en": "Each model's parameter count is computed from its published configuration (hidden size, "
        "layers, attention heads, key/value heads, vocabulary, MLP width…), except GPT-3's, where the "
        "configuration does not reproduce the paper's total and the page uses the reported figure "
        "(see below). LoRA gives each chosen "
        "matrix (shape d_out×d_in) of every layer two rank-r factors and trains r(d_in + d_out) numbers.",
    },
    "s2.par.model": {"zh": "模型", "en": "Model"},
    "s2.par.targets": {"zh": "加 LoRA 的矩阵", "en": "Matrices LoRA adapts"},
    "s2.par.targets_help": {
        "zh": "q、k、v、o：注意力的查询、键、值、输出投影；up、down（LLaMA 还有 gate）：前馈网络。",
        "en": "q, k, v, o: the attention's query, key, value and output projections; up, down (and "
        "gate in LLaMA): the MLP.",
    },
    "s2.par.rank": {"zh": "LoRA 的秩 r", "en": "LoRA rank r"},
    "s2.par.precision": {"zh": "数值精度", "en": "Precision"},
    "s2.precision.fp32": {"zh": "fp32", "en": "fp32"},
    "s2.precision.fp16": {"zh": "fp16", "en": "fp16"},
    "s2.precision.mixed": {"zh": "混合精度（fp16 + fp32 Adam）", "en": "mixed (fp16 + fp32 Adam)"},
    "s2.par.no_targets": {
        "zh": "请至少选一个矩阵；下面按 q、v（LoRA 论文和 PEFT 的默认）计算。",
        "en": "Choose at least one matrix; below, q and v (the LoRA paper's and PEFT's default) are used.",
    },
    "s2.par.source": {"zh": "配置来源：{source}", "en": "Configuration: {source}"},
    "s2.par.col_module": {"zh": "矩阵", "en": "matrix"},
    "s2.par.col_shape": {"zh": "形状 d_out×d_in", "en": "shape d_out×d_in"},
    "s2.par.col_full": {"zh": "完整参数（每层）", "en": "full parameters (per layer)"},
    "s2.par.col_chosen": {"zh": "加 LoRA", "en": "adapted"},
    "s2.par.exact": {
        "zh": "精确值：模型 {total} 个参数，LoRA 训练 {trainable} 个。",
        "en": "Exact: {total} model parameters, {trainable} trained by LoRA.",
    },
    "s2.par.exact_reported": {
        "zh": "模型参数：论文报告的 {total} 个（精确到 0.1M 的约数；按公开配置算出的是 {computed} 个）；LoRA 训练 {trainable} 个（精确值）。",
        "en": "Model parameters: {total} as the paper reports them (rounded to 0.1M; the published "
        "configuration gives {computed}); LoRA trains {trainable} (exact).",
    },
    "s2.par.m_base": {"zh": "模型参数量", "en": "model parameters"},
    "s2.par.m_trainable": {"zh": "LoRA 可训练参数", "en": "LoRA trainable parameters"},
    "s2.par.m_share": {"zh": "占模型的比例", "en": "share of the model"},
    "s2.par.m_fewer": {"zh": "可训练参数减少为", "en": "fewer trainable parameters"},
    "s2.par.fewer_value": {"zh": "1/{ratio}", "en": "{ratio}× fewer"},
    "s2.par.gpt3_reported": {
        "zh": "按 Brown et al. 2020 表 2.1 的配置（GPT-2 结构、词嵌入与输出层共享）算出 {computed} 个参数；"
        "论文报告的是 {reported}（{source}），本页的比例用论文的数字。两者相差 {gap}，公开配置解释不了这个差距。",
        "en": "Brown et al. 2020's configuration (Table 2.1; GPT-2 layout, tied input/output embeddings) "
        "gives {computed} parameters; the paper reports {reported} ({source}), which the shares on "
        "this page use. The {gap} gap is not explained by the published configuration.",
    },
    "s2.par.memory_header": {
        "zh": "训练时的显存与检查点大小",
        "en": "Training memory and checkpoint size",
    },
    "s2.par.lora": {"zh": "LoRA", "en": "LoRA"},
    "s2.par.m_memory_full": {"zh": "全量微调显存", "en": "full fine-tuning memory"},
    "s2.par.m_memory_lora": {"zh": "LoRA 显存", "en": "LoRA memory"},
    "s2.par.m_ckpt_full": {"zh": "全量微调检查点", "en": "full fine-tuning checkpoint"},
    "s2.par.m_ckpt_lora": {
        "zh": "LoRA 检查点（只存 A、B）",
        "en": "LoRA checkpoint (A and B only)",
    },
    "s2.par.memory_caption": {
        "zh": "估计值：不含激活值和框架开销。每个参数的字节数——权重 {w} B；每个可训练参数另加梯度 {g} B、"
        "Adam 状态 {adam} B（两个矩估计{master}）。LoRA 时冻结的模型只占权重，梯度和 Adam 状态只给 A、B。",
        "en": "Estimate: activations and framework overhead not included. Bytes per parameter: weights "
        "{w} B; each trainable parameter adds a gradient of {g} B and Adam state of {adam} B (two "
        "moments{master}). With LoRA the frozen model holds weights only; gradients and Adam state are "
        "for A and B alone.",
    },
    "s2.par.master_copy": {
        "zh": "，加一份 fp32 主权重；见 Rajbhandari et al. 2020（ZeRO）第 3.1 节",
        "en": ", plus an fp32 master copy; see Rajbhandari et al. 2020 (ZeRO), §3.1",
    },
    "s2.par.gpt3_paper": {
        "zh": "对照：LoRA 论文第 4.2 节报告 GPT-3 175B 训练显存从 1.2 TB 降到 350 GB；"
        "r = 4、只作用于 W_q 和 W_v 时，检查点从 350 GB 降到约 35 MB（Hu et al., 2021）。",
        "en": "For comparison, the LoRA paper (Section 4.2) reports for GPT-3 175B: training VRAM "
        "1.2 TB → 350 GB, and with r = 4 on W_q and W_v a checkpoint of 350 GB → about 35 MB "
        "(Hu et al., 2021).",
    },
    "s2.par.range_header": {
        "zh": "笔记里的“0.01%～3%”是从哪来的？",
        "en": 'Where does the note\'s "0.01%–3%" come from?',
    },
    "s2.par.range_text": {
        "zh": "把 {n_models} 个模型 × 3 种目标矩阵组合 × 秩 r ∈ {{{ranks}}} 全部算一遍（共 {n_rows} 种配置）："
        "可训练比例从 {low}（{low_model}，{low_set}，r = {low_r}）到 {high}（{high_model}，{high_set}，"
        "r = {high_r}），其中 {inside} 种落在笔记的 0.01%～3% 之间。笔记的下限 0.01% 大约是 LoRA 论文在 GPT-3 上的设置"
        "（r = 4，W_q、W_v：{gpt3}）；上限 3% 大约是小模型给所有线性层都加 LoRA、r 取 16 左右（如 BERT-base：{bert}）。",
        "en": "Compute every one of {n_models} models × 3 target sets × rank r ∈ {{{ranks}}} "
        "({n_rows} configurations): the trainable share runs from {low} ({low_model}, {low_set}, "
        "r = {low_r}) to {high} ({high_model}, {high_set}, r = {high_r}), and {inside} of them fall "
        "inside the note's 0.01%–3%. The note's lower end, 0.01%, is about the LoRA paper's GPT-3 "
        "setting (r = 4 on W_q, W_v: {gpt3}); its upper end, 3%, is about a small model with every "
        "linear layer adapted at r around 16 (BERT-base: {bert}).",
    },
    "s2.par.range_title": {
        "zh": "可训练参数占比（对数坐标；点上的数字是 r）",
        "en": "Trainable share (log scale; the number on each point is r)",
    },
    "s2.par.range_x": {"zh": "可训练参数 / 模型参数", "en": "trainable / model parameters"},
    "s2.par.band": {"zh": "笔记：0.01%～3%", "en": "the note: 0.01%–3%"},
    "s2.set.qv": {"zh": "q、v", "en": "q, v"},
    "s2.set.attention": {"zh": "q、k、v、o", "en": "q, k, v, o"},
    "s2.set.all": {"zh": "所有线性层", "en": "every linear layer"},
    "s2.par.naming_header": {
        "zh": "同一个乘积，三套字母",
        "en": "One product, three sets of letters",
    },
    "s2.par.naming_lead": {
        "zh": "本应用沿用笔记的写法 ΔW = A×B。LoRA 论文和 PEFT 库写的是 ΔW = BA，字母正好对调："
        "笔记的 A 就是论文的 B（初始化为 0），笔记的 B 就是论文的 A（随机初始化）。乘积完全一样。",
        "en": "This app keeps the note's letters, ΔW = A×B. The LoRA paper and the PEFT library write "
        "ΔW = BA with the letters swapped: the note's A is the paper's B (initialised to zero), the "
        "note's B is the paper's A (random). The product is the same.",
    },
    "s2.par.naming_table": {
        "zh": "| | 笔记（本应用） | LoRA 论文（Hu et al., 2021） | PEFT（Hugging Face） |\n"
        "|---|---|---|---|\n"
        "| 公式 | ΔW = A × B | ΔW = B A | ΔW = lora_B.weight @ lora_A.weight |\n"
        "| 输出一侧的因子 | **A**：d×r | **B**：d×r，初始化为 0 | **lora_B**：Linear(r → out)，权重 out×r，初始化为 0 |\n"
        "| 输入一侧的因子 | **B**：r×k | **A**：r×k，随机高斯初始化 | **lora_A**：Linear(in → r)，权重 r×in，Kaiming 均匀初始化 |\n"
        "| 缩放 | — | α/r | lora_alpha / r（rsLoRA：lora_alpha / √r） |\n"
        "| 5×4 的例子（r = 2） | A 5×2（10）、B 2×4（8） | B 5×2、A 2×4 | lora_B 5×2、lora_A 2×4 |",
        "en": "| | the note (this app) | LoRA paper (Hu et al., 2021) | PEFT (Hugging Face) |\n"
        "|---|---|---|---|\n"
        "| formula | ΔW = A × B | ΔW = B A | ΔW = lora_B.weight @ lora_A.weight |\n"
        "| output-side factor | **A**: d×r | **B**: d×r, initialised to zero | **lora_B**: Linear(r → out), weight out×r, zeros |\n"
        "| input-side factor | **B**: r×k | **A**: r×k, random Gaussian | **lora_A**: Linear(in → r), weight r×in, Kaiming-uniform |\n"
        "| scaling | — | α/r | lora_alpha / r (rsLoRA: lora_alpha / √r) |\n"
        "| the 5×4 example (r = 2) | A 5×2 (10), B 2×4 (8) | B 5×2, A 2×4 | lora_B 5×2, lora_A 2×4 |",
    },
    "s2.par.naming_source": {
        "zh": "来源：Hu et al., 2021，式 (3) 与第 4.1 节；PEFT 文档（LoraConfig，默认 r = 8、lora_alpha = 8）。",
        "en": "Sources: Hu et al., 2021, Eq. (3) and Section 4.1; the PEFT documentation (LoraConfig, "
        "defaults r = 8, lora_alpha = 8).",
    },
    "s2.par.note": {
        "zh": "原来：△W是5×4矩阵 20个参数。分解后现在：A是5×2矩阵 10 个参数,A是2×4矩阵 8 个参数。……"
        "使得参数量从20个减少为18个，这是简化的例子。在实际案例中，参数量可以减少为0.01~3%左右。",
        "en": "“原来：△W是5×4矩阵 20个参数。分解后现在：A是5×2矩阵 10 个参数,A是2×4矩阵 8 个参数。……"
        "在实际案例中，参数量可以减少为0.01~3%左右。” (Before: ΔW is 5×4, 20 parameters. After: A is 5×2, "
        "10 parameters, A is 2×4, 8 parameters. … from 20 down to 18, a simplified example. In real cases "
        "the parameters fall to about 0.01–3%.)",
    },
    "s2.par.precise": {
        "zh": "2×4、8 个参数的那个因子是 B，不是 A。20 → 18 只省了 2 个，因为 r = 2 已经紧挨着盈亏平衡秩；"
        "秩再加 1，A + B 就比 ΔW 本身还大。“0.01%～3%”不是某篇论文的数字，而是常见设置的大致范围："
        "具体多少取决于模型大小、给哪些矩阵加 LoRA 和 r（见上面的图）。",
        "en": "The 2×4 factor with 8 parameters is B, not A. 20 → 18 saves only 2 because r = 2 sits just "
        'below the break-even rank; one rank more and A + B would be larger than ΔW itself. "0.01%–3%" '
        "is not a figure from a paper but the rough range of common settings: the share depends on the "
        "model's size, the matrices adapted and r (see the chart above).",
    },
    "s2.par.note_numbers": {
        "zh": "5×4 的例子：盈亏平衡秩 dk/(d+k) = {value}；r = 2 时 A + B = {cost2}；r = 3 时 A + B = {cost3} > {full}。",
        "en": "The 5×4 example: break-even rank dk/(d+k) = {value}; r = 2 gives A + B = {cost2}; r = 3 gives "
        "A + B = {cost3} > {full}.",
    },
    "s2.par.q1.q": {
        "zh": "笔记的 5×4 例子里如果取 r = 3，A + B 共有多少个参数？",
        "en": "In the note's 5×4 example with r = 3, how many numbers do A and B hold?",
    },
    "s2.par.q1.n18": {"zh": "18", "en": "18"},
    "s2.par.q1.n27": {"zh": "27", "en": "27"},
    "s2.par.q1.n12": {"zh": "12", "en": "12"},
    "s2.par.q1.why": {
        "zh": "r(d + k) = 3 × (5 + 4) = 27 > 20：超过了盈亏平衡秩 20/9 ≈ 2.2。",
        "en": "r(d + k) = 3 × (5 + 4) = 27 > 20: past the break-even rank 20/9 ≈ 2.2.",
    },
    "s2.par.q2.q": {
        "zh": "在 PEFT 里，初始化为 0、形状为 out×r 的是哪个矩阵？它对应笔记里的哪个字母？",
        "en": "In PEFT, which matrix is initialised to zero with shape out×r, and which letter is it "
        "in the note?",
    },
    "s2.par.q2.b_a": {"zh": "lora_B，对应笔记的 A", "en": "lora_B, the note's A"},
    "s2.par.q2.a_a": {"zh": "lora_A，对应笔记的 A", "en": "lora_A, the note's A"},
    "s2.par.q2.b_b": {"zh": "lora_B，对应笔记的 B", "en": "lora_B, the note's B"},
    "s2.par.q2.why": {
        "zh": "ΔW = lora_B.weight @ lora_A.weight：lora_B 在输出一侧（out×r，初始为 0），就是笔记的 A（d×r）。",
        "en": "ΔW = lora_B.weight @ lora_A.weight: lora_B sits on the output side (out×r, zeros at "
        "start), which is the note's A (d×r).",
    },
    "s2.par.q3.q": {
        "zh": "LLaMA-3-8B 的 W_v 为什么是 1024×4096，而不是 4096×4096？",
        "en": "Why is LLaMA-3-8B's W_v 1024×4096 and not 4096×4096?",
    },
    "s2.par.q3.gqa": {
        "zh": "分组查询注意力：只有 8 个键/值头，每个宽 128",
        "en": "grouped-query attention: only 8 key/value heads of width 128",
    },
    "s2.par.q3.lora": {"zh": "因为加了 LoRA", "en": "because LoRA was added"},
    "s2.par.q3.vocab": {"zh": "因为词表更大", "en": "because the vocabulary is larger"},
    "s2.par.q3.why": {
        "zh": "32 个查询头共享 8 组键/值：8 × 128 = 1024。所以 W_k、W_v 更小，加在上面的 LoRA 也更小。",
        "en": "32 query heads share 8 key/value heads: 8 × 128 = 1024. So W_k and W_v are smaller, and "
        "so is the LoRA on them.",
    },
    "s2.par.dl_counts": {"zh": "各模型的参数账（CSV）", "en": "Counts for every model (CSV)"},
    "s2.par.dl_modules": {"zh": "当前模型每层的矩阵（CSV）", "en": "This model's matrices (CSV)"},
    "par.saves": {
        "zh": "**✅ 省参数**：r = {r} < {value}，A + B 共 {lora} 个数，完整 ΔW 要 {full} 个，只需要它的 {share}。",
        "en": "**✅ Saves**: r = {r} < {value}, so A + B hold {lora} numbers against ΔW's {full}, only "
        "{share} of it.",
    },
    "par.loses": {
        "zh": "**⚖️ 不省**：r = {r} ≥ {value}，A + B 共 {lora} 个数，不比完整 ΔW 的 {full} 个少。",
        "en": "**⚖️ No saving**: r = {r} ≥ {value}, so A + B hold {lora} numbers, no fewer than "
        "ΔW's {full}.",
    },
    "par.blocks_cells": {
        "zh": "ΔW = A × B：每个小格是一个要训练的数",
        "en": "ΔW = A × B: each cell is one number to train",
    },
    "par.blocks_scale": {
        "zh": "ΔW = A × B，按比例绘制（过细的边加宽到 {px} 像素，以便看见）",
        "en": "ΔW = A × B to scale (sides thinner than {px} px are widened to stay visible)",
    },
    "par.blocks_alt": {
        "zh": "示意图：{d}×{k} 的 ΔW（{full} 个数）等于 {d}×{r} 的 A 乘 {r}×{k} 的 B，"
        "A 与 B 共 {a} + {b} = {total} 个数。",
        "en": "Diagram: ΔW, {d}×{k} ({full} numbers), as A ({d}×{r}) times B ({r}×{k}): "
        "{a} + {b} = {total} numbers in A and B.",
    },
    "par.r_coarse": {
        "zh": "r 在 1 到 {fine} 之间逐个可选；再往上只停在 2 的幂、盈亏平衡点两侧（{below} 和 {above}）"
        "以及 min(d, k) = {top}。",
        "en": "Every r from 1 to {fine}; above that the slider stops at powers of two, either side "
        "of the break-even rank ({below} and {above}) and at min(d, k) = {top}.",
    },
    "par.r_snapped": {
        "zh": "这个大小下没有 r = {old} 这一档，已调整为最接近的 {new}。",
        "en": "r = {old} is not a stop for this size; it was set to the nearest stop, {new}.",
    },
    "par.cost_mark": {"zh": "r = {r}", "en": "r = {r}"},
    # The module table's columns that change with the rank (lowrank/views/parameters.py).
    # "r = {r}" never breaks (no-break spaces).
    "par.col_lora_at": {
        "zh": "LoRA r(d_in+d_out)，r\u00a0=\u00a0{r}",
        "en": "LoRA r(d_in+d_out) at r\u00a0=\u00a0{r}",
    },
    "par.col_lora_share": {"zh": "LoRA ÷ 完整", "en": "LoRA ÷ full"},
    # What changes with the rank is in bold.
    "par.per_layer": {
        "zh": "r = **{r}** 时，每层训练 **{terms} = {per_layer}** 个数；{layers} 层共 **{total}** 个。",
        "en": "At r = **{r}**, one layer trains **{terms} = {per_layer}** numbers; {layers} layers: "
        "**{total}**.",
    },
    "par.memory_mark": {
        "zh": "上面的条是 LoRA 在秩 r 时的训练显存：冻结的模型只占权重，梯度和 Adam 状态只给 A、B，"
        "r 越大、适配的矩阵越多，这两段就越长。下面的条是全量微调：每个权重都要梯度和 Adam 状态。",
        "en": "The upper bar is LoRA's training memory at rank r: the frozen model holds weights only, "
        "and only A and B have gradients and Adam state, parts that grow with r and with the "
        "matrices adapted. The lower bar is full fine-tuning: every weight has a gradient and Adam "
        "state.",
    },
    "s2.par.memory_title": {
        "zh": "训练显存估计：权重 + 梯度 + Adam 状态",
        "en": "Training memory estimate: weights + gradients + Adam state",
    },
    "s2.par.part_weights": {"zh": "权重", "en": "weights"},
    "s2.par.part_gradients": {"zh": "梯度", "en": "gradients"},
    "s2.par.part_optimizer": {"zh": "Adam 状态", "en": "Adam state"},
    "par.memory_lora_bar": {"zh": "LoRA，r = {r}：{value}", "en": "LoRA, r = {r}: {value}"},
    "par.memory_full_bar": {"zh": "全量微调：{value}", "en": "full fine-tuning: {value}"},
    "par.memory_alt": {
        "zh": "训练显存的两条堆叠条：LoRA 在 r = {r} 时要 {value}，其中冻结的权重 {frozen}；"
        "全量微调要 {full}：权重 {weights}，梯度 {gradients}，Adam 状态 {optimizer}。",
        "en": "Training memory as two stacked bars: LoRA at r = {r} needs {value}, of which the "
        "frozen weights are {frozen}; full fine-tuning needs {full}: weights {weights}, gradients "
        "{gradients}, Adam state {optimizer}.",
    },
}
