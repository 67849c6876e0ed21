"""Texts of the LoRA training page (/training)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- top --------------------------------------------------------------------------------------
    "training.question": {
        "zh": "LoRA 训练时，到底是什么在变？按下“训练”，看冻结的 W 旁边，两个小矩阵 A 和 B 怎样学起来（A 从 0 开始）。",
        "en": "When LoRA trains, what actually changes? Press “Train” and watch two small matrices, A and B, learn beside a frozen W.",
    },
    "training.diagram.title": {
        "zh": "笔记里的图：两条路，相加",
        "en": "The note's picture: two paths, added",
    },
    "training.diagram.frozen": {"zh": "冻结", "en": "frozen"},
    "training.diagram.trained": {"zh": "只训练 B 和 A", "en": "only B and A are trained"},
    "training.diagram.zero": {"zh": "初始为 0", "en": "starts at 0"},
    "training.diagram.random": {"zh": "随机初始化", "en": "starts random"},
    "training.diagram.shapes": {
        "zh": "**r = {r}**：B 是 {r}×{k}，A 是 {d}×{r}；{scale}。",
        "en": "**r = {r}**: B is {r}×{k}, A is {d}×{r}; {scale}.",
    },
    "training.layout": {
        "zh": "x 经过冻结的 W，同时在旁边经过 B 再经过 A（再乘 {scale}），两路输出相加。W 的形状是 d×k = 输出×输入（和 PyTorch 一样），一层算的是 h = W x + b；ΔW 与 W 同形。",
        "en": "x goes through the frozen W and, beside it, through B and then A (times {scale}); the two outputs add. W has shape d×k = outputs×inputs (as in PyTorch); a layer computes h = W x + b, and ΔW has W's shape.",
    },
    "training.naming.title": {
        "zh": "同一个乘积，三套字母",
        "en": "One product, three sets of letters",
    },
    "training.naming.table": {
        "zh": "| | 笔记（本应用） | 论文 | PEFT |\n|---|---|---|---|\n"
        "| d×r，初始为 0 | **A** | B | `lora_B` |\n"
        "| r×k，随机 | **B** | A | `lora_A` |\n"
        "| ΔW | A×B | BA | `lora_B @ lora_A` |\n"
        "| 缩放 | α/r（rsLoRA：α/√r） | α/r | `lora_alpha / r`（rsLoRA：`lora_alpha / sqrt(r)`） |",
        "en": "| | note (this app) | paper | PEFT |\n|---|---|---|---|\n"
        "| d×r, starts at 0 | **A** | B | `lora_B` |\n"
        "| r×k, starts random | **B** | A | `lora_A` |\n"
        "| ΔW | A×B | BA | `lora_B @ lora_A` |\n"
        "| scale | α/r (rsLoRA: α/√r) | α/r | `lora_alpha / r` (rsLoRA: `lora_alpha / sqrt(r)`) |",
    },
    "training.naming.caption": {
        "zh": "本页用笔记的字母。论文：Hu et al., 2021, arXiv:2106.09685，式 (3)；PEFT：Hugging Face 的 LoRA 实现（lora_A、lora_B 是两个线性层，ΔW = lora_B.weight @ lora_A.weight）。",
        "en": "This page uses the note's letters. Paper: Hu et al., 2021, arXiv:2106.09685, Eq. (3); PEFT: Hugging Face's LoRA implementation (lora_A and lora_B are linear layers; ΔW = lora_B.weight @ lora_A.weight).",
    },
    # --- settings -----------------------------------------------------------------------------------
    "training.settings": {"zh": "训练设置", "en": "Training settings"},
    "training.task": {"zh": "任务", "en": "Task"},
    "training.shift.low_high": {
        "zh": "先学 0–4，再适应 5–9",
        "en": "Pretrained on 0–4, adapt to 5–9",
    },
    "training.shift.even_odd": {
        "zh": "先学偶数，再适应奇数",
        "en": "Pretrained on even digits, adapt to odd ones",
    },
    "training.shift.rotate": {
        "zh": "先学正立的 0–9，再适应转了 90° 的图",
        "en": "Pretrained on upright 0–9, adapt to images turned by 90°",
    },
    "training.digits.pre.low_high": {"zh": "数字 0–4", "en": "digits 0–4"},
    "training.digits.ft.low_high": {"zh": "数字 5–9", "en": "digits 5–9"},
    "training.digits.pre.even_odd": {"zh": "偶数", "en": "even digits"},
    "training.digits.ft.even_odd": {"zh": "奇数", "en": "odd digits"},
    "training.digits.pre.rotate": {"zh": "正立的图", "en": "upright images"},
    "training.digits.ft.rotate": {"zh": "转了 90° 的图", "en": "turned images"},
    "training.layers": {"zh": "给哪些层加 LoRA", "en": "Layers with LoRA"},
    "training.rank": {"zh": "秩 r", "en": "Rank r"},
    "training.alpha": {"zh": "α（缩放）", "en": "α (scale)"},
    "training.lr": {"zh": "学习率（Adam）", "en": "Learning rate (Adam)"},
    "training.steps": {"zh": "训练步数（每步 32 张图）", "en": "Steps (32 images each)"},
    "training.seed": {"zh": "随机种子", "en": "Seed"},
    "training.random_init": {
        "zh": "A、B 都随机初始化（对照）",
        "en": "Random A and B (comparison)",
    },
    "training.rslora": {"zh": "rsLoRA：缩放用 α/√r", "en": "rsLoRA: scale by α/√r"},
    "training.no_layers": {
        "zh": "至少要选一层；现在先用全部三层。",
        "en": "Choose at least one layer; all three are used for now.",
    },
    "training.budget": {
        "zh": "可训练的数：**{lora}** 个（A 和 B）。全量微调这些层要训练它们的全部权重和偏置，共 {full} 个，LoRA 只占 **{share}**。整个网络共 {total} 个参数。",
        "en": "Numbers trained: **{lora}** (A and B). Fully fine-tuning these layers would train all their weights and biases, {full}; LoRA trains **{share}** of that. The whole network has {total} parameters.",
    },
    "training.model": {
        "zh": "网络：64 → 128 → 128 → 10 的多层感知机（ReLU），用 numpy 手写前向和反向传播。数据：scikit-learn 自带的 8×8 手写数字（1,797 张），按种子固定划分 75% 训练、25% 测试。先在旧任务上预训练 600 步，再在新任务上加 LoRA。",
        "en": "Network: a 64 → 128 → 128 → 10 multilayer perceptron (ReLU), forward and backward passes written out in numpy. Data: scikit-learn's bundled 8×8 handwritten digits (1,797 images), split 75% train / 25% test by the seed. Pretrained for 600 steps on the old task, then adapted with LoRA on the new one.",
    },
    # --- training ---------------------------------------------------------------------------------
    "training.train": {"zh": "▶ 训练", "en": "▶ Train"},
    "training.progress": {
        "zh": "第 {step} / {steps} 步 · 损失 {loss} · 测试准确率 {acc}",
        "en": "Step {step} / {steps} · loss {loss} · test accuracy {acc}",
    },
    "training.press": {
        "zh": "按“训练”开始。下面是第 0 步：A 全是 0，B 是随机数，所以 ΔW = A×B 全是 0，模型就是预训练模型本身。",
        "en": "Press Train to start. Below is step 0: A is all zeros and B is random, so ΔW = A×B is all zeros and the model is exactly the pretrained one.",
    },
    "training.press_random": {
        "zh": "按“训练”开始。下面是第 0 步：你选了 A、B 都随机，所以 ΔW 一开始就不是 0。",
        "en": "Press Train to start. Below is step 0: you chose random A and B, so ΔW is not zero even before training.",
    },
    "training.done": {
        "zh": "训练 {steps} 步：计算用了 {seconds} 秒，连同实时绘图共 {total} 秒。",
        "en": "Trained {steps} steps: {seconds} s of computation, {total} s including the live drawing.",
    },
    "training.stored": {
        "zh": "这组设置已经在本服务器上训练过（计算用时 {seconds} 秒），下面是它的结果。按“训练”可以再实时看一遍。",
        "en": "These settings were already trained on this server ({seconds} s of computation); their result is shown below. Press Train to watch it live again.",
    },
    "training.curves.title": {"zh": "训练曲线", "en": "Training curves"},
    "training.curves.loss": {
        "zh": "训练损失（相邻两点之间各步的平均）",
        "en": "Training loss (mean over the steps since the previous point)",
    },
    "training.curves.batch_loss": {"zh": "每一批的损失", "en": "Loss of each batch"},
    "training.curves.accuracy": {"zh": "测试准确率（{digits}）", "en": "Test accuracy ({digits})"},
    "training.curves.step": {"zh": "步", "en": "step"},
    "training.show_layer": {"zh": "显示哪一层", "en": "Show layer"},
    "training.grid.title": {
        "zh": "第 {step} 步 · 第 {layer} 层：ΔW = {scale}·A×B",
        "en": "Step {step} · layer {layer}: ΔW = {scale}·A×B",
    },
    "training.grid.parts": {
        "zh": "上：B（{r}×{k}）· 左：A（{d}×{r}）· 右下：ΔW（{d}×{k}，最大 |ΔW| = {max}）",
        "en": "top: B ({r}×{k}) · left: A ({d}×{r}) · bottom right: ΔW ({d}×{k}, max |ΔW| = {max})",
    },
    "training.alt.grid": {
        "zh": "第 {step} 步的 LoRA 因子：上方是 B（{r}×{k}），左侧是 A（{d}×{r}），右下是它们的乘积"
        " ΔW（{d}×{k}），最大 |ΔW| = {max}。红为正，蓝为负。",
        "en": "LoRA's factors at step {step}: B ({r}×{k}) on top, A ({d}×{r}) on the left and "
        "their product ΔW ({d}×{k}) at the bottom right, largest |ΔW| = {max}. Red is positive, "
        "blue negative.",
    },
    "training.alt.frozen": {
        "zh": "第 {layer} 层冻结的预训练权重 W：{d}×{k} 个数，从 {low} 到 {high}；灰色越深，|W| 越大。",
        "en": "The frozen pretrained weights W of layer {layer}: {d}×{k} numbers from {low} to "
        "{high}; the darker the grey, the larger |W|.",
    },
    "training.frozen.title": {
        "zh": "W（{d}×{k}）：冻结，不训练",
        "en": "W ({d}×{k}): frozen, not trained",
    },
    "training.frozen.caption": {"zh": "灰度表示 |W| 的大小", "en": "grey shows the size of |W|"},
    "training.colours": {
        "zh": "颜色：红为正、蓝为负，每个矩阵以 0 为中心各自取色标；ΔW 的每一格正对着 A 的一行和 B 的一列。W 用灰色，因为它不参与训练。",
        "en": "Colours: red positive, blue negative, each matrix on its own scale centred at 0; each cell of ΔW lines up with a row of A and a column of B. W is grey because it is not trained.",
    },
    "training.checksum": {
        "zh": "W 的指纹（SHA-256）：训练前 `{before}`，训练后 `{after}`",
        "en": "W's fingerprint (SHA-256): before `{before}`, after `{after}`",
    },
    "training.checksum.same": {"zh": "✓ 一位都没变", "en": "✓ not a single bit changed"},
    "training.checksum.changed": {"zh": "✗ W 变了！", "en": "✗ W changed!"},
    "training.replay": {"zh": "回看第几步", "en": "Replay step"},
    # --- tabs ---------------------------------------------------------------------------------------
    "training.tab.checks": {"zh": "训练证明了什么", "en": "What the run proves"},
    "training.tab.init": {"zh": "为什么 A 从 0 开始", "en": "Why A starts at zero"},
    "training.tab.alpha": {"zh": "α/r 做了什么", "en": "What α/r does"},
    "training.tab.compare": {"zh": "LoRA 对比全量微调", "en": "LoRA vs full fine-tuning"},
    "training.need_run": {"zh": "先按上面的“训练”。", "en": "Press Train above first."},
    "training.checks.frozen": {
        "zh": "**W 冻结。** 每个加了 LoRA 的层，训练前后 W 的 SHA-256 指纹都相同：",
        "en": "**W is frozen.** For every layer with LoRA, W's SHA-256 fingerprint is the same before and after training:",
    },
    "training.checks.layer": {"zh": "层", "en": "layer"},
    "training.checks.shape": {"zh": "W 的形状", "en": "W's shape"},
    "training.checks.before": {"zh": "训练前", "en": "before"},
    "training.checks.after": {"zh": "训练后", "en": "after"},
    "training.checks.same": {"zh": "相同", "en": "same"},
    "training.checks.rank": {
        "zh": "**rank(ΔW) ≤ r。** 第 {layer} 层 ΔW 有 {n} 个奇异值：前 {r} 个是 {head}；其余都不超过 {tail}，只是浮点舍入。",
        "en": "**rank(ΔW) ≤ r.** Layer {layer}'s ΔW has {n} singular values: the first {r} are {head}; all others are at most {tail}, mere rounding.",
    },
    "training.sv.title": {
        "zh": "ΔW 的奇异值（对数坐标）",
        "en": "Singular values of ΔW (log scale)",
    },
    "training.checks.size": {
        "zh": "**更新有多大。** $\\|\\Delta W\\|_F$ = {delta}，$\\|W\\|_F$ = {w}。",
        "en": "**How big the update is.** $\\|\\Delta W\\|_F$ = {delta}, $\\|W\\|_F$ = {w}.",
    },
    "training.checks.size_paper": {
        "zh": "对照：论文里 GPT-3 第 48 层的 Wq，r = 4 时 ‖ΔW‖_F = 6.91，而 ‖W‖_F = 61.95（表 7）：那里的更新比 W 小得多。这里的小网络要学一个新任务，更新可以和 W 本身一样大——看上面的实测数字。",
        "en": "For comparison, the paper's GPT-3 layer-48 Wq at r = 4 has ‖ΔW‖_F = 6.91 against ‖W‖_F = 61.95 (Table 7): there the update is small next to W. This small network has to learn a new task, and its update can be as large as W itself — see the measured numbers above.",
    },
    "training.merge.button": {"zh": "合并：W' = W + ΔW", "en": "Merge: W' = W + ΔW"},
    "training.merge.hint": {
        "zh": "合并后，LoRA 就“消失”在 W' 里：部署时是一个普通网络，没有额外的层。",
        "en": "After merging, LoRA disappears into W': what you deploy is a plain network with no extra layer.",
    },
    "training.merge.result": {
        "zh": "合并后的普通网络与“W + 旁路”的网络，在全部 {n} 张测试图上输出的相对差是 {gap}（浮点精度）。合并后每层只做一次矩阵乘法；不合并时，每张图在加了 LoRA 的各层上要多做 Σ r(d+k) = {extra} 次乘加。",
        "en": "The merged plain network and the “W + side path” network differ by {gap} (relative) on all {n} test images: floating-point precision. Merged, each layer is one matrix product; unmerged, every image costs Σ r(d+k) = {extra} extra multiply-adds over the adapted layers.",
    },
    "training.merge.unmerge": {
        "zh": "拆回：W' − ΔW 与原来的 W 最多相差 {err}。随时可以拿掉 LoRA，换回预训练模型。",
        "en": "Unmerge: W' − ΔW differs from the original W by at most {err}. LoRA can be taken out at any time to get the pretrained model back.",
    },
    # --- init tab -----------------------------------------------------------------------------------
    "training.init.intro": {
        "zh": "论文的做法：输出一侧的因子（笔记的 A，论文的 B）设为 0，输入一侧的因子随机。于是第 0 步 ΔW = 0，模型与预训练模型逐位相同。第一步只有 A 得到梯度（B 的梯度含因子 A，等于 0），第二步起两者都学；如果两个都是 0，谁都得不到梯度。下面是当前设置下实测的两种初始化：",
        "en": "The paper's recipe: the output-side factor (the note's A, the paper's B) starts at zero, the input-side factor at random. So ΔW = 0 at step 0 and the model is bit for bit the pretrained one. At the first step only A gets a gradient (B's gradient contains the factor A, which is 0); from the second step both learn. Were both zero, neither would ever get a gradient. Measured with the current settings:",
    },
    "training.init.name": {"zh": "初始化", "en": "initialisation"},
    "training.init.zero": {"zh": "A = 0，B 随机", "en": "A = 0, B random"},
    "training.init.random": {"zh": "A、B 都随机", "en": "A and B random"},
    "training.init.gap": {
        "zh": "第 0 步输出（logit）与预训练模型的最大差",
        "en": "step 0: largest change of an output (logit)",
    },
    "training.init.pre": {"zh": "第 0 步：{pre}准确率", "en": "step 0: accuracy on {pre}"},
    "training.init.final": {"zh": "训练后：{ft}准确率", "en": "after training: accuracy on {ft}"},
    "training.init.chart": {
        "zh": "两种初始化：测试准确率",
        "en": "Two initialisations: test accuracy",
    },
    "training.init.verdict": {
        "zh": "随机初始化时，模型还没看到任何数据，就已经被一个随机的 ΔW 改动了：它可能丢掉一部分原来会的东西（看{pre}那一列：默认的 α = 8 时，三个任务上都丢了），α 越大丢得越多（试试 α = 32）。在这个小任务上，最后的准确率不一定更差——两边都有梯度，起步有时还更快；本页如实显示测到的结果。零初始化的意义在于：训练从预训练模型本身出发，ΔW 记录的全是从数据里学到的改变。",
        "en": "With random initialisation the model is changed by a random ΔW before it has seen any data: it can lose some of what it knew (see the {pre} column: at the default α = 8 it does, on all three tasks), and more so the larger α is (try α = 32). On this small task the final accuracy is not always worse — with both factors non-zero the start can even be faster; the page shows what it measures. The point of the zero start is that training begins from the pretrained model itself, so ΔW holds only what was learnt from data.",
    },
    # --- alpha tab ----------------------------------------------------------------------------------
    "training.alpha.intro": {
        "zh": "ΔW 要乘以 α/r 再加到 W 上。α 固定时，r 越大，A×B 的每一份贡献被缩得越小，论文（4.1 节）说这个缩放“有助于减少改变 r 时重新调超参数的需要”，并直接把 α 设成第一次试的 r，不再调它。用 Adam 训练时，调 α 大致等于调学习率。下面是同一个 r、同一个学习率，只改 α 的三次训练：",
        "en": "ΔW is multiplied by α/r before it is added to W. With α fixed, a larger r scales each part of A×B down, which, in the paper's words (Section 4.1), “helps to reduce the need to retune hyperparameters when we vary r”; the paper sets α to the first r it tries and does not tune it. With Adam, tuning α is roughly tuning the learning rate. Three runs with the same r and learning rate, only α changed:",
    },
    "training.alpha.series": {
        "zh": "α = {alpha}（缩放 {scale}）",
        "en": "α = {alpha} (scale {scale})",
    },
    "training.alpha.chart": {"zh": "只改 α：测试准确率", "en": "Only α changes: test accuracy"},
    "training.alpha.col_alpha": {"zh": "α", "en": "α"},
    "training.alpha.col_scale": {"zh": "缩放", "en": "scale"},
    "training.alpha.col_acc": {"zh": "最终准确率", "en": "final accuracy"},
    "training.alpha.col_norm": {"zh": "‖ΔW‖_F（第 {layer} 层）", "en": "‖ΔW‖_F (layer {layer})"},
    "training.alpha.rank_note": {
        "zh": "“α 固定、r 变化”的效果见“LoRA 对比全量微调”：那里 α 固定为 {alpha}，r 从 1 到 16。勾选 rsLoRA 则缩放改为 α/√r（Kalajdzievski, 2023），r 大时更新不会被缩得太小。",
        "en": "For “α fixed, r changing” see “LoRA vs full fine-tuning”: there α stays {alpha} while r goes from 1 to 16. With rsLoRA the scale is α/√r (Kalajdzievski, 2023), so a large r does not shrink the update as much.",
    },
    # --- compare tab --------------------------------------------------------------------------------
    "training.compare.intro": {
        "zh": "同样的步数、批次和种子：LoRA 取 r = 1, 2, 4, 8, 16（α = {alpha} 固定，只训练 A、B），再与全量微调（训练全部 {full} 个权重和偏置，学习率 0.001，即预训练用的学习率）比较。（种子 0 时实测：全量微调改用 LoRA 的学习率 0.01，每个任务的准确率都相差不到 1.5 个百分点，所以比较结果不取决于这个选择。）",
        "en": "Same steps, batches and seed: LoRA at r = 1, 2, 4, 8, 16 (α = {alpha} fixed, only A and B trained) against full fine-tuning (all {full} weights and biases, learning rate 0.001, the one pretraining used). (Measured with seed 0: at LoRA's learning rate, 0.01, full fine-tuning ends within 1.5 points of that on every task, so the comparison does not hinge on this choice.)",
    },
    "training.compare.method": {"zh": "方法", "en": "method"},
    "training.compare.full": {"zh": "全量微调", "en": "full fine-tuning"},
    "training.compare.trainable": {"zh": "可训练参数", "en": "trained numbers"},
    "training.compare.share": {"zh": "占全量", "en": "share of full"},
    "training.compare.acc": {"zh": "{ft}准确率", "en": "accuracy on {ft}"},
    "training.compare.old": {"zh": "{pre}准确率（旧任务）", "en": "accuracy on {pre} (old task)"},
    "training.compare.seconds": {"zh": "用时（秒）", "en": "time (s)"},
    "training.compare.chart": {
        "zh": "准确率与可训练参数",
        "en": "Accuracy against trained numbers",
    },
    "training.compare.x": {"zh": "可训练参数（对数坐标）", "en": "trained numbers (log scale)"},
    "training.compare.y": {"zh": "测试准确率", "en": "test accuracy"},
    "training.compare.verdict": {
        "zh": "本页实测：r = {r} 的 LoRA 只训练全量微调 {share} 的参数，准确率 {acc}；全量微调 {full_acc}。",
        "en": "Measured here: LoRA with r = {r} trains {share} of full fine-tuning's numbers and reaches {acc}; full fine-tuning reaches {full_acc}.",
    },
    "training.compare.old_note": {
        "zh": "最后一列是旧任务还剩多少。两种方法都只见过新数据，所以都可能忘掉旧的；区别在于 LoRA 的 W 原封未动，拿掉 A、B 就一位不差地回到预训练模型，而全量微调已经改写了 W。",
        "en": "The last column shows what is left of the old task. Both methods see only the new data, so both can forget; the difference is that LoRA leaves W untouched — remove A and B and the pretrained model is back bit for bit — while full fine-tuning has overwritten W.",
    },
    "training.compare.time_note": {
        "zh": "用时是这台共享服务器上的实测，会有波动。这么小的网络上，LoRA 每一步不一定更快：前向和反向仍要经过整个 W。LoRA 省的是要训练和保存的东西：梯度和 Adam 状态只给 r(d+k) 个数而不是 d·k 个，存档只需 A 和 B。",
        "en": "Times are measured on this shared server and vary. On a network this small LoRA need not be faster per step: the forward and backward passes still go through all of W. What LoRA saves is what must be trained and stored: gradients and Adam states for r(d+k) numbers instead of d·k, and a checkpoint of A and B only.",
    },
    "training.compare.paper": {
        "zh": "论文里的对应结果（GPT-3 175B，表 6）：只在 Wq、Wv 上加 LoRA，r = 1 就和更大的 r 差不多（WikiSQL 73.4 vs 73.8）。",
        "en": "The paper's counterpart (GPT-3 175B, Table 6): with LoRA on Wq and Wv only, r = 1 does about as well as larger ranks (WikiSQL 73.4 vs 73.8).",
    },
    # --- downloads ----------------------------------------------------------------------------------
    "training.download.csv": {"zh": "训练曲线（CSV）", "en": "Training curves (CSV)"},
    "training.download.npz": {"zh": "A、B 和 ΔW（.npz）", "en": "A, B and ΔW (.npz)"},
    # --- in the note, self-check ------------------------------------------------------------------
    "training.note.says": {
        "zh": "3. 训练参数更新过程（图：输入 x 同时经过冻结的 W 和旁边两个小矩阵，两路输出相加）。结论：通过 LORA 微调，调参对象从 W 变为 A、B。",
        "en": "3. The training update (picture: the input x goes through the frozen W and, beside it, through two small matrices; the outputs add). Conclusion: with LoRA fine-tuning, what is tuned changes from W to A and B.",
    },
    "training.note.precise": {
        "zh": "说得对，本页把它跑了出来：W 的指纹训练前后一样，只有 A、B 在变，ΔW = A×B 的秩不超过 r。两处细节：笔记的 A（d×r）就是论文的 B，初始为 0；笔记的 B（r×k）是论文的 A，随机初始化。加到 W 上的是 (α/r)·A×B（rsLoRA 时是 (α/√r)·A×B）。",
        "en": "Right, and this page runs it: W's fingerprint is the same before and after, only A and B change, and ΔW = A×B has rank at most r. Two details: the note's A (d×r) is the paper's B and starts at zero; the note's B (r×k) is the paper's A and starts random. What is added to W is (α/r)·A×B ((α/√r)·A×B with rsLoRA).",
    },
    "training.q1.q": {
        "zh": "训练开始时，为什么 A（d×r，笔记的字母；论文里叫 B）是 0？",
        "en": "Why is A (d×r, the note's letter; the paper calls it B) zero when training starts?",
    },
    "training.q1.start": {
        "zh": "这样第 0 步 ΔW = 0，模型就是预训练模型本身",
        "en": "So that ΔW = 0 at step 0 and the model is exactly the pretrained one",
    },
    "training.q1.speed": {"zh": "这样计算更快", "en": "So that it computes faster"},
    "training.q1.both": {
        "zh": "因为 A 和 B 都必须从 0 开始",
        "en": "Because A and B must both start at zero",
    },
    "training.q1.why": {
        "zh": "A = 0 时 ΔW = A×B = 0，输出与预训练模型逐位相同（本页实测差为 0）。B 是随机的，梯度才能流进 A；两个都是 0 的话，谁都得不到梯度。",
        "en": "With A = 0, ΔW = A×B = 0 and the outputs equal the pretrained model's bit for bit (measured gap: 0). B is random so that gradients reach A; were both zero, neither would ever get a gradient.",
    },
    "training.q2.q": {"zh": "α/r 做了什么？", "en": "What does α/r do?"},
    "training.q2.scale": {
        "zh": "A×B 加到 W 上之前先乘以它；α 固定时，r 越大，这个系数越小",
        "en": "It multiplies A×B before it is added to W; with α fixed, the larger r, the smaller the factor",
    },
    "training.q2.rank": {"zh": "它决定 ΔW 的秩", "en": "It sets the rank of ΔW"},
    "training.q2.lr_w": {"zh": "它是 W 的学习率", "en": "It is W's learning rate"},
    "training.q2.why": {
        "zh": "秩由 r 决定；α/r 只是加到 W 上之前的倍数。用 Adam 时，它的作用和学习率差不多，所以论文把 α 固定、不再调。",
        "en": "The rank is set by r; α/r is only the factor applied before adding to W. With Adam it acts much like a learning rate, which is why the paper fixes α and does not tune it.",
    },
    "training.q3.q": {
        "zh": "训练中哪个矩阵完全不变？",
        "en": "Which matrix does not change at all during training?",
    },
    "training.q3.w": {"zh": "W", "en": "W"},
    "training.q3.a": {"zh": "A", "en": "A"},
    "training.q3.b": {"zh": "B", "en": "B"},
    "training.q3.delta": {"zh": "ΔW", "en": "ΔW"},
    "training.q3.why": {
        "zh": "W 是冻结的（只读），指纹一位不变；A、B 被训练，ΔW = A×B 随之从 0 长大。",
        "en": "W is frozen (read-only) and its fingerprint does not change by a bit; A and B are trained, and ΔW = A×B grows from zero with them.",
    },
}
