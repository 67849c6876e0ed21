"""Texts shared by every page: the frame, navigation, input errors and shared widgets."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- frame -----------------------------------------------------------------------------------
    "app.name": {"zh": "低秩实验室 LowRank Lab", "en": "LowRank Lab"},
    "app.tagline": {
        "zh": "从奇异值分解到 LoRA：动手看懂低秩近似",
        "en": "From the SVD to LoRA: low-rank approximation you can touch",
    },
    "frame.language": {"zh": "语言 / Language", "en": "Language / 语言"},
    # The faded, hatched part of a spectrum that rank k drops (lowrank/ui/block.js draws it).
    "chart.dropped": {"zh": "舍去", "en": "dropped"},
    "frame.path": {"zh": "学习路线", "en": "The path"},
    "frame.footer": {
        "zh": "所有数字都由本页实时计算；引用的数字注明出处。",
        "en": "Every number here is computed live; quoted figures name their source.",
    },
    "section.1.title": {
        "zh": "第一步 · 奇异值分解与低秩近似",
        "en": "Step 1 · The SVD and low-rank approximation",
    },
    "section.2.title": {
        "zh": "第二步 · 为什么分解 ΔW 而不是 W",
        "en": "Step 2 · Why factorise ΔW and not W",
    },
    "section.3.title": {"zh": "第三步 · LoRA 的训练过程", "en": "Step 3 · How LoRA trains"},
    # --- pages (titles and one-line summaries, used by the sidebar and the home page) -------------
    "page.home.title": {"zh": "首页", "en": "Home"},
    "page.home.summary": {"zh": "这个应用教什么", "en": "What this app teaches"},
    "page.geometry.title": {"zh": "单位圆上的 S = UΣVᵀ", "en": "S = UΣVᵀ on the unit circle"},
    "page.geometry.summary": {
        "zh": "拖动一个 2×2 矩阵的两列：单位圆先旋转、再伸缩成椭圆、再旋转；行列式是面积倍数，平方和是能量。",
        "en": "Drag the columns of a 2×2 matrix: the unit circle turns, stretches into an ellipse, "
        "turns again; the determinant is the area factor, the sum of squares the energy.",
    },
    "page.svd.title": {"zh": "S = UΣVᵀ", "en": "S = UΣVᵀ"},
    "page.svd.summary": {
        "zh": "把矩阵拆成旋转、伸缩、旋转：看清 U、Σ、Vᵀ 的形状，以及奇异值和特征值的区别。",
        "en": "Split a matrix into rotate, stretch, rotate: the shapes of U, Σ, Vᵀ, and singular values "
        "versus eigenvalues.",
    },
    "page.reconstruct.title": {"zh": "保留最大的奇异值", "en": "Keep the largest singular values"},
    "page.reconstruct.summary": {
        "zh": "拖动秩 k，看矩阵如何由一层层秩 1 矩阵叠出来，保留了多少能量，误差是多少。",
        "en": "Drag the rank k and watch the matrix build up from rank-1 layers: energy kept, error left.",
    },
    "page.image.title": {"zh": "照片的低秩压缩", "en": "Compressing a photograph"},
    "page.image.summary": {
        "zh": "同样的思想用在真实照片上：从模糊到清晰，每一级秩要多少个数。",
        "en": "The same idea on a real photograph: from blur to sharp, and how many numbers each rank costs.",
    },
    "page.choose_rank.title": {"zh": "保留几个奇异值", "en": "How many to keep"},
    "page.choose_rank.summary": {
        "zh": "给信号加上噪声：秩太小丢信号，太大加回噪声。能量、存储和最优硬阈值三条规则各选几个？",
        "en": "Add noise to a signal: too small a rank loses signal, too large adds the noise "
        "back. Which k do the energy, storage and optimal-threshold rules pick?",
    },
    "page.why_delta_w.title": {"zh": "为什么是 ΔW", "en": "Why ΔW"},
    "page.why_delta_w.summary": {
        "zh": "真实计算：预训练权重 W 接近满秩，微调增量 ΔW 的能量集中在少数几个方向。",
        "en": "Real computations: a pretrained W is close to full rank, a fine-tuning update ΔW "
        "concentrates in a few directions.",
    },
    "page.parameters.title": {"zh": "ΔW = A×B 的参数账", "en": "Counting ΔW = A×B"},
    "page.parameters.summary": {
        "zh": "5×4 的例子：20 个数 → 10 + 8 = 18 个数；再算真实模型。",
        "en": "The 5×4 example: 20 numbers → 10 + 8 = 18; then real models.",
    },
    "page.training.title": {"zh": "LoRA 训练现场", "en": "LoRA training, live"},
    "page.training.summary": {
        "zh": "W 冻结，只有 A 和 B 在学：按下训练，看损失下降、ΔW 从零长出来。",
        "en": "W frozen, only A and B learn: press train and watch the loss fall and ΔW grow from zero.",
    },
    "page.svd_meets_lora.title": {"zh": "SVD 遇上 LoRA", "en": "SVD meets LoRA"},
    "page.svd_meets_lora.summary": {
        "zh": "用 W 的奇异向量初始化 A 和 B（PiSSA），看 LoRA 是否带来“入侵维度”，再扫一遍秩 × 学习率。",
        "en": "Start A and B from W's singular vectors (PiSSA), look for LoRA's “intruder dimensions”, and map rank × learning rate.",
    },
    # --- typed input errors (lowrank.errors.InputError keys) -------------------------------------
    "error.empty": {
        "zh": "输入是空的：请至少给出一行一列数字。",
        "en": "The input is empty: give at least one row and one column of numbers.",
    },
    "error.ragged": {
        "zh": "各行的数字个数不一样：矩阵的每一行必须一样长。",
        "en": "The rows have different lengths: every row of a matrix must be equally long.",
    },
    "error.non_numeric": {
        "zh": "有一项不是数字（第 {row} 行第 {col} 列：“{value}”）。",
        "en": "An entry is not a number (row {row}, column {col}: “{value}”).",
    },
    "error.non_finite": {
        "zh": "有 {count} 项是 NaN 或无穷大（第一处在第 {row} 行第 {col} 列）：请只用有限的数字。",
        "en": "{count} entries are NaN or infinite (the first at row {row}, column {col}): "
        "use finite numbers only.",
    },
    "error.one_dimensional": {
        "zh": "这是一串数字，不是矩阵：请给出若干行、每行若干列。",
        "en": "That is a list of numbers, not a matrix: give several rows of several columns.",
    },
    "error.not_matrix": {
        "zh": "这不是一个二维矩阵。",
        "en": "That is not a two-dimensional matrix.",
    },
    "error.too_large": {
        "zh": "矩阵太大：{rows}×{cols}，最多 {max_rows}×{max_cols}。",
        "en": "The matrix is too large: {rows}×{cols}; the limit is {max_rows}×{max_cols}.",
    },
    "error.kept_previous": {
        "zh": "页面仍显示上一次有效的输入。",
        "en": "The page still shows the last valid input.",
    },
    # --- URL parameters -----------------------------------------------------------------------------
    "url.invalid": {
        "zh": "链接里的参数 {name}={value} 无效，页面没有按它显示。",
        "en": "The link's parameter {name}={value} is not valid, so the page does not use it as given.",
    },
    # --- shared widgets ---------------------------------------------------------------------------
    "list.sep": {"zh": "、", "en": ", "},
    "widget.in_the_note": {"zh": "笔记里怎么说", "en": "In the note"},
    "widget.note_says": {"zh": "**笔记原文：**", "en": "**The note says:**"},
    # Runs straight into the precise version's text: the space is part of the English label.
    "widget.precisely": {"zh": "**准确地说：**", "en": "**Precisely:** "},
    "widget.self_check": {"zh": "自测", "en": "Self-check"},
    "widget.choose": {"zh": "选一个答案", "en": "Pick an answer"},
    "widget.correct": {"zh": "答对了！", "en": "Correct!"},
    "widget.wrong": {"zh": "还不对，再想想。", "en": "Not quite, think again."},
    "widget.downloads": {"zh": "下载", "en": "Downloads"},
}
