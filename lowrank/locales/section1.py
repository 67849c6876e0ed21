"""Texts of section 1: the SVD page, the reconstruction page, the matrix chooser and its errors."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- example matrices (lowrank.examples; ids are stable, they appear in the URL) ---------------
    "example.note.title": {
        "zh": "笔记式例子：8×6，前四列就够了",
        "en": "Like the note: 8×6, the first four columns suffice",
    },
    "example.note.desc": {
        "zh": "0–9 的整数。第 5 列 = 第 1 列 + 第 2 列，第 6 列 = 第 2 列 + 第 4 列，所以前四列就已经包含了矩阵的全部信息（秩为 4）；而且只有两个奇异值很大。",
        "en": "Integers 0–9. Column 5 = column 1 + column 2 and column 6 = column 2 + column 4, so the first four columns already carry all of the matrix's information (rank 4), and only two singular values are large.",
    },
    "example.delta_w.title": {
        "zh": "笔记里的 ΔW = A×B：5×4，秩 2",
        "en": "The note's ΔW = A×B: 5×4, rank 2",
    },
    "example.delta_w.desc": {
        "zh": "一个 5×2 的 A 乘一个 2×4 的 B：20 个数，其实只由 10 + 8 = 18 个数决定，秩最多是 2。",
        "en": "A 5×2 matrix A times a 2×4 matrix B: 20 numbers that are really fixed by 10 + 8 = 18, with rank at most 2.",
    },
    "example.random.title": {"zh": "随机矩阵：5×5", "en": "Random: 5×5"},
    "example.random.desc": {
        "zh": "固定随机种子生成的高斯随机数（保留一位小数），没有刻意放进任何结构：能量比较分散，最大的奇异值占不到一半，要 5 个里的 3 个才能保留 90%；它自己的特征值是复数。",
        "en": "Gaussian random numbers from a fixed seed (one decimal), with no structure put in: the energy is spread out, the largest singular value holding less than half and three of the five needed for 90%; its own eigenvalues are complex.",
    },
    "example.low_rank_noise.title": {
        "zh": "低秩 + 噪声：8×6",
        "en": "Low rank plus noise: 8×6",
    },
    "example.low_rank_noise.desc": {
        "zh": "一个秩 2 的“信号”加上少量随机噪声：两个大奇异值，后面是一排小的“噪声底”。只保留前 2 个，得到的矩阵比原数据更接近信号：截断去掉了一部分噪声。",
        "en": "A rank-2 “signal” plus a little random noise: two large singular values, then a floor of small ones. Keeping two gives a matrix closer to the signal than the data itself: truncation removes part of the noise.",
    },
    "example.symmetric.title": {
        "zh": "对称正定：4×4",
        "en": "Symmetric positive definite: 4×4",
    },
    "example.symmetric.desc": {
        "zh": "对称且所有特征值为正：只有这种（对称半正定）矩阵，特征值才恰好等于奇异值。",
        "en": "Symmetric with positive eigenvalues: only for such (symmetric positive semi-definite) matrices are the eigenvalues exactly the singular values.",
    },
    "example.identity.title": {"zh": "单位矩阵：4×4", "en": "Identity: 4×4"},
    "example.identity.desc": {
        "zh": "所有奇异值都是 1：没有哪个方向更重要，每去掉一个方向就丢掉同样多的能量。",
        "en": "Every singular value is 1: no direction matters more than another, and each one dropped loses the same energy.",
    },
    # --- matrix chooser (lowrank.ui.matrix_source) -----------------------------------------------
    "source.label": {"zh": "矩阵 S", "en": "Matrix S"},
    "source.grid.title": {"zh": "自己输入（表格）", "en": "Type your own (grid)"},
    "source.csv.title": {"zh": "上传 CSV 文件", "en": "Upload a CSV file"},
    "source.grid.help": {
        "zh": "直接在表格里改数字（也可以从 Excel 复制粘贴）。最多 12×12；清空的格子会被指出来。",
        "en": "Edit the numbers in the table (pasting from a spreadsheet works too). Up to 12×12; an emptied cell is pointed out.",
    },
    "source.grid.rows": {"zh": "行数", "en": "Rows"},
    "source.grid.cols": {"zh": "列数", "en": "Columns"},
    "source.csv.upload": {"zh": "选择一个 CSV 文件", "en": "Choose a CSV file"},
    "source.csv.help": {
        "zh": "最多 200×200。分隔符可以是逗号、分号、制表符或空格；第一行可以是表头；小数逗号（1,5）也可以，只要全文件一致。",
        "en": "Up to 200×200. Commas, semicolons, tabs or spaces between numbers; an optional header row; decimal commas (1,5) work when the whole file uses them.",
    },
    "source.csv.waiting": {
        "zh": "还没有上传文件：先用“笔记式例子”代替。",
        "en": "No file uploaded yet: the note-like example is shown meanwhile.",
    },
    "source.csv.using": {
        "zh": "正在使用上传的文件 {name}（{rows}×{cols}）。",
        "en": "Using the uploaded file {name} ({rows}×{cols}).",
    },
    "source.shape": {"zh": "S 是 {rows}×{cols} 的矩阵。", "en": "S is {rows}×{cols}."},
    # --- input errors raised by lowrank.matrix_input --------------------------------------------
    "input.file_too_large": {
        "zh": "文件太大：{size_kb} KB，最多 {max_kb} KB。",
        "en": "The file is too large: {size_kb} KB; the limit is {max_kb} KB.",
    },
    "input.not_text": {
        "zh": "这不是文本文件（可能是图片或表格程序的二进制文件）：请把数据另存为 CSV。",
        "en": "This is not a text file (perhaps an image or a spreadsheet's binary file): save the data as CSV.",
    },
    "input.ragged_row": {
        "zh": "第 {row} 行有 {found} 个数，但前面的行有 {expected} 个：矩阵的每一行必须一样长。",
        "en": "Row {row} has {found} entries but the rows before it have {expected}: every row of a matrix must be equally long.",
    },
    "input.missing_cell": {
        "zh": "第 {row} 行第 {col} 列是空的：请填一个数字。",
        "en": "Row {row}, column {col} is empty: fill in a number.",
    },
    "input.mixed_decimals": {
        "zh": "文件里既有小数点又有小数逗号（第 {row} 行第 {col} 列：“{value}”），无法确定怎么读：请统一用一种。",
        "en": "The file mixes decimal points and decimal commas (row {row}, column {col}: “{value}”), so it cannot be read unambiguously: use one of them throughout.",
    },
    "input.too_small": {
        "zh": "矩阵只有 {rows}×{cols}：至少需要 {min_rows} 行、{min_cols} 列，才有可以比较的奇异值。",
        "en": "The matrix is only {rows}×{cols}: it needs at least {min_rows} rows and {min_cols} columns to have singular values worth comparing.",
    },
    # --- shared by both pages -------------------------------------------------------------------
    "s1.heat.s": {"zh": "S（{rows}×{cols}）", "en": "S ({rows}×{cols})"},
    "s1.rank": {
        "zh": "秩（数值秩）：{rank}，即大于 {tol} 的奇异值个数。",
        "en": "Rank (numerical): {rank}, the number of singular values above {tol}.",
    },
    "s1.zero_matrix": {
        "zh": "S 是零矩阵：所有奇异值都是 0，没有什么可近似的。换一个矩阵试试。",
        "en": "S is the zero matrix: every singular value is 0 and there is nothing to approximate. Try another matrix.",
    },
    "s1.download.which": {"zh": "下载哪个矩阵", "en": "Matrix to download"},
    "s1.download.csv": {"zh": "下载 {name}（CSV）", "en": "Download {name} (CSV)"},
    "s1.download.png": {
        "zh": "下载幻灯片用的图（PNG）",
        "en": "Download a figure for slides (PNG)",
    },
    # --- page 1: S = UΣVᵀ --------------------------------------------------------------------------
    "svd.question": {
        "zh": "任何矩阵都能写成“旋转 × 伸缩 × 旋转”（“旋转”也可能带一次翻转）：S = UΣVᵀ。这三块长什么样？奇异值和特征值是一回事吗？",
        "en": "Every matrix can be written as rotate × stretch × rotate (a “rotation” may include a reflection): S = UΣVᵀ. What do the three pieces look like, and are singular values the same as eigenvalues?",
    },
    "svd.full": {"zh": "完整 SVD（U 为 d×d，Vᵀ 为 k×k）", "en": "Full SVD (U is d×d, Vᵀ is k×k)"},
    "svd.full.help": {
        "zh": "关掉是“瘦”SVD：只保留 p = min(d, k) 列，U 为 d×p，Σ 为 p×p，Vᵀ 为 p×k；乘积完全一样。",
        "en": "Off: the thin SVD keeps p = min(d, k) columns, U is d×p, Σ is p×p, Vᵀ is p×k; the product is exactly the same.",
    },
    "svd.factors": {"zh": "S = U Σ Vᵀ", "en": "S = U Σ Vᵀ"},
    "svd.shapes.full": {
        "zh": "完整 SVD：S 是 {d}×{k}，U 是 {d}×{d}（正交），Σ 是 {d}×{k}（对角线上是奇异值，从大到小），Vᵀ 是 {k}×{k}（正交）。",
        "en": "Full SVD: S is {d}×{k}, U is {d}×{d} (orthogonal), Σ is {d}×{k} (the singular values on its diagonal, largest first), Vᵀ is {k}×{k} (orthogonal).",
    },
    "svd.shapes.thin": {
        "zh": "瘦 SVD：S 是 {d}×{k}，U 是 {d}×{p}，Σ 是 {p}×{p}，Vᵀ 是 {p}×{k}（p = min(d, k) = {p}）。",
        "en": "Thin SVD: S is {d}×{k}, U is {d}×{p}, Σ is {p}×{p}, Vᵀ is {p}×{k} (p = min(d, k) = {p}).",
    },
    "svd.shapes.thin_extra": {
        "zh": "完整 SVD 多出来的列乘的都是 Σ 里的 0。",
        "en": " The extra columns of the full SVD only ever meet zeros of Σ.",
    },
    "svd.shapes.square": {
        "zh": "S 是方阵（d = k = {d}）：瘦 SVD 和完整 SVD 是同一个，U、Σ、Vᵀ 都是 {d}×{d}。",
        "en": "S is square (d = k = {d}): the thin and the full SVD are the same, with U, Σ and Vᵀ all {d}×{d}.",
    },
    "svd.product_check": {
        "zh": "把 U、Σ、Vᵀ 乘回去，与 S 的最大差别：{error}（只是计算机的舍入误差）。",
        "en": "Multiplying U, Σ and Vᵀ back together differs from S by at most {error} (rounding only).",
    },
    "svd.orth.header": {"zh": "U 和 V 是正交矩阵", "en": "U and V are orthogonal"},
    "svd.orth.header_thin": {
        "zh": "U 和 V 的列是标准正交的",
        "en": "U and V have orthonormal columns",
    },
    "svd.orth.text_thin": {
        "zh": "UᵀU = I，VᵀV = I：每一列长度为 1，且两两垂直。与单位矩阵 I 的最大偏差：U {u}，V {v}。"
        "但瘦 SVD 里 {name} 是 {rows}×{p}，不是方阵，所以它不是正交矩阵：{name}{name}ᵀ ≠ I"
        "（它是到一个 {p} 维子空间的投影，与 I 最大相差 {gap}）。打开“完整 SVD”，U 和 V 就都是正交矩阵了。",
        "en": "UᵀU = I and VᵀV = I: every column has length 1 and they are mutually perpendicular. "
        "Largest deviation from I: {u} for U, {v} for V. But in the thin SVD {name} is {rows}×{p}, not "
        "square, so it is not an orthogonal matrix: {name}{name}ᵀ ≠ I (it projects onto a "
        "{p}-dimensional subspace and differs from I by up to {gap}). Turn on the full SVD and U and V "
        "are both orthogonal.",
    },
    "svd.orth.text": {
        "zh": "UᵀU = I，VᵀV = I：每一列长度为 1，且两两垂直（只是旋转/翻转，不改变长度）。与单位矩阵 I 的最大偏差：U {u}，V {v}。",
        "en": "UᵀU = I and VᵀV = I: every column has length 1 and they are mutually perpendicular (a rotation or reflection, which keeps lengths). Largest deviation from I: {u} for U, {v} for V.",
    },
    "svd.sigma.header": {"zh": "奇异值", "en": "Singular values"},
    "svd.sigma.title": {"zh": "奇异值 σᵢ（从大到小）", "en": "Singular values σᵢ (largest first)"},
    "svd.eig.header": {"zh": "奇异值 ≠ 特征值", "en": "Singular values are not eigenvalues"},
    "svd.eig.text": {
        "zh": "每个矩阵都有奇异值 σᵢ ≥ 0。σᵢ² 恰好是对称矩阵 SᵀS 的特征值——下表左右两列是分别算出来的，它们一致。",
        "en": "Every matrix has singular values σᵢ ≥ 0. Their squares σᵢ² are exactly the eigenvalues of the symmetric matrix SᵀS — the columns below are computed separately, and they agree.",
    },
    "svd.eig.col.index": {"zh": "i", "en": "i"},
    "svd.eig.col.sigma": {"zh": "σᵢ", "en": "σᵢ"},
    "svd.eig.col.sigma_squared": {"zh": "σᵢ²", "en": "σᵢ²"},
    "svd.eig.col.gram": {"zh": "SᵀS 的特征值", "en": "eigenvalues of SᵀS"},
    "svd.eig.col.own": {"zh": "S 自己的特征值 λᵢ", "en": "S's own eigenvalues λᵢ"},
    "svd.eig.extra_zeros": {
        "zh": "SᵀS 是 {n}×{n}，有 {n} 个特征值；S 只有 {p} 个奇异值，多出来的 {extra} 个特征值是 0。",
        "en": "SᵀS is {n}×{n} and has {n} eigenvalues; S has only {p} singular values, and the other {extra} eigenvalues are 0.",
    },
    "svd.eig.not_square": {
        "zh": "S 是 {m}×{n}，不是方阵，所以它自己没有特征值；但它照样有奇异值。",
        "en": "S is {m}×{n}, not square, so it has no eigenvalues of its own; it still has singular values.",
    },
    "svd.eig.match": {
        "zh": "这个 S 是对称半正定矩阵，所以它自己的特征值恰好等于奇异值。这是特例，不是规律。",
        "en": "This S is symmetric positive semi-definite, so its own eigenvalues are exactly its singular values. That is a special case, not the rule.",
    },
    "svd.eig.differ": {
        "zh": "S 是方阵，但它自己的特征值和奇异值不同：λ₁ = {lam}，而 σ₁ = {sigma}。只有对称半正定矩阵两者才相同；特征值可以是负数甚至复数，奇异值永远是非负实数。",
        "en": "S is square, but its own eigenvalues differ from its singular values: λ₁ = {lam} while σ₁ = {sigma}. They coincide only for symmetric positive semi-definite matrices; eigenvalues can be negative or even complex, while singular values are always non-negative real numbers.",
    },
    "svd.note.says": {
        "zh": "“如果只保留最大的几个特征值（低秩近似），就能用更少的参数近似 W。”",
        "en": "“If we keep only the largest few eigenvalues (低秩近似, low-rank approximation), we can approximate W with fewer parameters.” (translated)",
    },
    "svd.note.precise": {
        "zh": "这里保留的是**奇异值**，不是特征值。奇异值 σᵢ 对任何形状的矩阵都存在，且 σᵢ² 是 SᵀS 的特征值；S 自己的特征值只对方阵存在，一般与 σᵢ 不同（可以是负数或复数）。",
        "en": "What is kept are **singular values**, not eigenvalues. Singular values σᵢ exist for a matrix of any shape, and σᵢ² are the eigenvalues of SᵀS; S's own eigenvalues exist only for a square S and generally differ from σᵢ (they can be negative or complex).",
    },
    "svd.note.live": {
        "zh": "在当前矩阵上：σ₁ = {sigma}，σ₁² = {sigma2}，SᵀS 的最大特征值 = {gram}。",
        "en": "On the current matrix: σ₁ = {sigma}, σ₁² = {sigma2}, the largest eigenvalue of SᵀS = {gram}.",
    },
    "svd.slide.title": {"zh": "奇异值分解 S = UΣVᵀ", "en": "Singular value decomposition S = UΣVᵀ"},
    "svd.quiz.shape.q": {
        "zh": "S 是 8×6 的矩阵。完整 SVD 里 U 的形状是？",
        "en": "S is 8×6. What is the shape of U in the full SVD?",
    },
    "svd.quiz.shape.a": {"zh": "8×8", "en": "8×8"},
    "svd.quiz.shape.b": {"zh": "8×6", "en": "8×6"},
    "svd.quiz.shape.c": {"zh": "6×6", "en": "6×6"},
    "svd.quiz.shape.why": {
        "zh": "U 是 d×d（8×8），Σ 是 d×k（8×6），Vᵀ 是 k×k（6×6）。瘦 SVD 里 U 才是 8×6。",
        "en": "U is d×d (8×8), Σ is d×k (8×6), Vᵀ is k×k (6×6). Only in the thin SVD is U 8×6.",
    },
    "svd.quiz.sign.q": {
        "zh": "关于奇异值，哪句话总是对的？",
        "en": "Which statement about singular values is always true?",
    },
    "svd.quiz.sign.a": {
        "zh": "它们是非负实数，任何形状的矩阵都有",
        "en": "They are non-negative real numbers, and every matrix has them",
    },
    "svd.quiz.sign.b": {"zh": "它们就是 S 的特征值", "en": "They are the eigenvalues of S"},
    "svd.quiz.sign.c": {
        "zh": "只有方阵才有奇异值",
        "en": "Only square matrices have singular values",
    },
    "svd.quiz.sign.why": {
        "zh": "σᵢ = √(SᵀS 的特征值) ≥ 0，对任何 m×n 矩阵都成立；特征值只对方阵定义，而且可以是负数或复数。",
        "en": "σᵢ = √(eigenvalues of SᵀS) ≥ 0 for any m×n matrix; eigenvalues are defined only for square matrices and can be negative or complex.",
    },
    "svd.quiz.gram.q": {
        "zh": "σᵢ² 是哪个矩阵的特征值？",
        "en": "σᵢ² are the eigenvalues of which matrix?",
    },
    "svd.quiz.gram.a": {"zh": "SᵀS", "en": "SᵀS"},
    "svd.quiz.gram.b": {"zh": "S", "en": "S"},
    "svd.quiz.gram.c": {"zh": "S + Sᵀ", "en": "S + Sᵀ"},
    "svd.quiz.gram.why": {
        "zh": "SᵀS = VΣᵀUᵀUΣVᵀ = V(ΣᵀΣ)Vᵀ：V 的列是它的特征向量，σᵢ² 是特征值。",
        "en": "SᵀS = VΣᵀUᵀUΣVᵀ = V(ΣᵀΣ)Vᵀ: the columns of V are its eigenvectors and σᵢ² its eigenvalues.",
    },
    # --- page 2: keep the largest singular values ---------------------------------------------
    "rec.question": {
        "zh": "只保留最大的 k 个奇异值，S 还剩下多少？还有没有别的秩 k 矩阵能更接近 S？",
        "en": "Keep only the k largest singular values: how much of S survives, and can any other rank-k matrix come closer to S?",
    },
    "rec.slider": {"zh": "秩 k（保留的奇异值个数）", "en": "Rank k (singular values kept)"},
    "rec.slider.help": {
        "zh": "也可以先点一下滑块，再用键盘的 ← → 键一格一格地移动。",
        "en": "You can also click the slider and move it one step at a time with the ← → keys.",
    },
    "rec.rank_one": {
        "zh": "S 的秩是 1：一层 σ₁u₁v₁ᵀ 就能把它完整重建，k 只能是 1。",
        "en": "S has rank 1: the single layer σ₁u₁v₁ᵀ rebuilds it exactly, so k can only be 1.",
    },
    "rec.heat.approx": {"zh": "S{sub}（秩 {k} 近似）", "en": "S{sub} (rank-{k} approximation)"},
    "rec.heat.residual": {"zh": "误差 S − S{sub}", "en": "Error S − S{sub}"},
    "rec.alt.approx": {
        "zh": "S{sub}（秩 {k} 近似，{m}×{n}）的热图：保留 S 的 {energy} 能量，绝对值最大的元素为 {largest}。",
        "en": "Heatmap of S{sub}, the rank-{k} approximation ({m}×{n}): it keeps {energy} of S's "
        "energy; its largest entry in absolute value is {largest}.",
    },
    "rec.alt.residual": {
        "zh": "误差 S − S{sub} 的热图：‖S − S{sub}‖_F = {error}，绝对值最大的元素为 {largest}。",
        "en": "Heatmap of the error S − S{sub}: ‖S − S{sub}‖_F = {error}; its largest entry in "
        "absolute value is {largest}.",
    },
    "rec.heat.caption": {
        "zh": "三张图用同一个颜色尺度（以 S 为准），颜色可以直接比较。",
        "en": "All three maps share one colour scale (that of S), so colours compare directly.",
    },
    "rec.numbers": {"zh": "用数字说话", "en": "The numbers"},
    "rec.m.energy": {"zh": "保留的能量", "en": "Energy kept"},
    "rec.m.energy.help": {
        "zh": "(σ₁² + … + σₖ²) / (σ₁² + σ₂² + …)：前 k 个奇异值的平方和占全部的比例。",
        "en": "(σ₁² + … + σₖ²) / (σ₁² + σ₂² + …): the share of the sum of squared singular values that the first k carry.",
    },
    "rec.m.frobenius": {"zh": "$\\|S - S_k\\|_F$（直接算）", "en": "$\\|S - S_k\\|_F$ (direct)"},
    "rec.m.frobenius.formula": {
        "zh": "√(σₖ₊₁² + σₖ₊₂² + …) = {value}",
        "en": "√(σₖ₊₁² + σₖ₊₂² + …) = {value}",
    },
    "rec.m.spectral": {"zh": "$\\|S - S_k\\|_2$（直接算）", "en": "$\\|S - S_k\\|_2$ (direct)"},
    "rec.m.spectral.formula": {"zh": "σₖ₊₁ = {value}", "en": "σₖ₊₁ = {value}"},
    "rec.m.storage": {"zh": "需要存的数", "en": "Numbers stored"},
    "rec.m.storage.detail": {
        "zh": "k(m+n+1) = {stored}，原矩阵 m·n = {full}",
        "en": "k(m+n+1) = {stored}, against m·n = {full}",
    },
    "rec.m.error.help": {
        "zh": "“直接算”是用 S − Sₖ 的每一项算出来的；下面的小字是用奇异值按 Eckart–Young 公式算的。两者相等。",
        "en": "“Direct” is computed from the entries of S − Sₖ; the small print below is the Eckart–Young formula in the singular values. They agree.",
    },
    "rec.eckart_young": {
        "zh": "Eckart–Young–Mirsky 定理：在所有秩不超过 k 的矩阵里，Sₖ 离 S 最近（无论用 F 范数还是 2 范数）。",
        "en": "Eckart–Young–Mirsky: of all matrices of rank at most k, Sₖ is the closest to S, in the Frobenius and in the spectral norm.",
    },
    "rec.storage.note": {
        "zh": "存 k 列 U、k 列 V 和 k 个 σ。秩 {k} 时要存 {stored} 个数，比原来的 {full} 个{verdict}。",
        "en": "Store k columns of U, k of V and k values σ. At rank {k} that is {stored} numbers against {full}: {verdict}.",
    },
    "rec.storage.saves": {"zh": "少", "en": "a saving"},
    "rec.storage.costs": {
        "zh": "还多（这么小的矩阵不划算）",
        "en": "more (not worth it for so small a matrix)",
    },
    "rec.energy.title": {"zh": "保留的能量随 k 的变化", "en": "Energy kept as k grows"},
    "rec.energy.curve": {
        "zh": "(σ₁² + … + σₖ²) / (σ₁² + σ₂² + …)",
        "en": "(σ₁² + … + σₖ²) / (σ₁² + σ₂² + …)",
    },
    "rec.energy.axis": {"zh": "保留的能量", "en": "energy kept"},
    "rec.sigma.title": {
        "zh": "奇异值（淡去、画斜线的是舍去的）",
        "en": "Singular values (the faded, hatched ones are dropped)",
    },
    "rec.layers.header": {
        "zh": "Sₖ 是一层层秩 1 矩阵 σᵢuᵢvᵢᵀ 叠起来的",
        "en": "Sₖ is a stack of rank-1 layers σᵢuᵢvᵢᵀ",
    },
    "rec.layers.caption": {
        "zh": "每一层都是一列 u 乘一行 vᵀ 再乘 σ：只要 m + n + 1 个数。把前 k 层加起来就是上面的 Sₖ。",
        "en": "Each layer is a column u times a row vᵀ times σ: only m + n + 1 numbers. Adding the first k layers gives Sₖ above.",
    },
    "rec.layers.more": {
        "zh": "这里只画出前 {shown} 层，另外 {more} 层也加进了 Sₖ。",
        "en": "Only the first {shown} layers are drawn; the other {more} are in Sₖ too.",
    },
    "rec.layer.title": {
        "zh": "第 {i} 层（σ{sub} = {sigma}）",
        "en": "Layer {i} (σ{sub} = {sigma})",
    },
    "rec.beat.header": {"zh": "来挑战：你能赢过 SVD 吗？", "en": "Try to beat it"},
    "rec.beat.text": {
        "zh": "换一种办法造一个秩不超过 k 的矩阵 G，看它离 S 有多远。",
        "en": "Build another matrix G of rank at most k in a different way and see how far it is from S.",
    },
    "rec.beat.strategy": {"zh": "你的办法", "en": "Your way"},
    "rec.beat.column_span": {
        "zh": "保留前 k 列，其余各列用它们做最小二乘拟合（笔记的“前几列就够了”，尽量做好）",
        "en": "Keep the first k columns and fit every other column by least squares from them (the note's “the first columns suffice”, done as well as possible)",
    },
    "rec.beat.kept_columns": {
        "zh": "保留前 k 列，其余各列全部置 0",
        "en": "Keep the first k columns, set the rest to 0",
    },
    "rec.beat.random": {
        "zh": "随机秩 k：用 k 个随机的列组合张成的空间去拟合每一列",
        "en": "Random rank k: fit every column in the span of k random mixtures of the columns",
    },
    "rec.beat.new_random": {"zh": "换一个随机猜测", "en": "New random guess"},
    "rec.beat.guess_title": {"zh": "你的 G（秩 {rank}）", "en": "Your G (rank {rank})"},
    "rec.beat.guess_metric": {"zh": "你的误差 $\\|S - G\\|_F$", "en": "Your error $\\|S - G\\|_F$"},
    "rec.beat.svd_metric": {
        "zh": "SVD 的误差 $\\|S - S_k\\|_F$",
        "en": "The SVD's error $\\|S - S_k\\|_F$",
    },
    "rec.beat.lost": {
        "zh": "SVD 赢了：你的误差是它的 {ratio} 倍。Eckart–Young 保证没有秩 k 矩阵能赢它。",
        "en": "The SVD wins: your error is {ratio} times its error. Eckart–Young guarantees no rank-k matrix can beat it.",
    },
    "rec.beat.lost_exact": {
        "zh": "SVD 赢了：它在秩 {k} 已经完全重建了 S（误差 0），而你的误差是 {guess}。",
        "en": "The SVD wins: at rank {k} it already rebuilds S exactly (error 0), while yours is {guess}.",
    },
    "rec.beat.tie": {
        "zh": "打平了：你的 G 和 Sₖ 一样好。这不算赢——Eckart–Young 说打平已经是最好的结果（你选的 k 个方向恰好张成了一个最优的子空间）。",
        "en": "A tie: your G is as good as Sₖ. Not a win — Eckart–Young says a tie is the best anyone can do (your k directions happen to span a best possible subspace).",
    },
    "rec.note.says": {
        "zh": "“计算前后的矩阵行列式的值（通过特征值平方相加）”",
        "en": "“Compute the value of the matrix's determinant before and after (by adding up the squared eigenvalues).” (translated)",
    },
    "rec.note.precise": {
        "zh": "把奇异值的平方加起来，得到的是 F 范数的平方 ‖S‖²_F = Σᵢⱼ sᵢⱼ² = Σ σᵢ²，不是行列式。“前后对比”其实是保留的能量比例 (σ₁² + … + σₖ²) / (σ₁² + σ₂² + …)。行列式只对方阵有定义，而且 |det S| = Π σᵢ（乘积，不是平方和）。",
        "en": "Adding up squared singular values gives the squared Frobenius norm ‖S‖²_F = Σᵢⱼ sᵢⱼ² = Σ σᵢ², not the determinant. The “before and after” comparison is the share of energy kept, (σ₁² + … + σₖ²) / (σ₁² + σ₂² + …). A determinant exists only for a square S, and |det S| = Π σᵢ (a product, not a sum of squares).",
    },
    "rec.note.before": {
        "zh": "之前：Σᵢⱼ sᵢⱼ² = {entries}，Σ σᵢ² = {sigma}（相等）。",
        "en": "Before: Σᵢⱼ sᵢⱼ² = {entries} and Σ σᵢ² = {sigma} (equal).",
    },
    "rec.note.after": {
        "zh": "之后（k = {k}）：Sₖ 各项平方和 = {entries}，σ₁² + … + σₖ² = {sigma}（相等）。",
        "en": "After (k = {k}): the sum of squared entries of Sₖ = {entries} and σ₁² + … + σₖ² = {sigma} (equal).",
    },
    "rec.note.kept": {
        "zh": "保留的比例：{kept}。",
        "en": "Share kept: {kept}.",
    },
    "rec.note.det": {
        "zh": "行列式：det S = {det}，Π σᵢ = {product} = |det S|；而 Σ σᵢ² = {sigma}，完全是另一个数。",
        "en": "Determinant: det S = {det} and Π σᵢ = {product} = |det S|, while Σ σᵢ² = {sigma} is a different number altogether.",
    },
    "rec.note.no_det": {
        "zh": "S 是 {m}×{n}，不是方阵，根本没有行列式；平方和 Σ σᵢ² 照样可以算。",
        "en": "S is {m}×{n}, not square, so it has no determinant at all; the sum Σ σᵢ² is still defined.",
    },
    "rec.slide.title": {
        "zh": "秩 {k} 近似：保留 {kept} 的能量",
        "en": "Rank-{k} approximation: {kept} of the energy kept",
    },
    "rec.slide.footer": {
        "zh": "$\\|S - S_k\\|_F$ = {frobenius}，$\\|S - S_k\\|_2 = \\sigma_{{k+1}}$ = {spectral}，存储 {stored} / {full} 个数",
        "en": "$\\|S - S_k\\|_F$ = {frobenius},  $\\|S - S_k\\|_2 = \\sigma_{{k+1}}$ = {spectral},  storage {stored} / {full} numbers",
    },
    "rec.quiz.spectral.q": {
        "zh": "‖S − Sₖ‖₂（2 范数误差）等于什么？",
        "en": "What does ‖S − Sₖ‖₂ (the spectral-norm error) equal?",
    },
    "rec.quiz.spectral.a": {"zh": "σₖ₊₁", "en": "σₖ₊₁"},
    "rec.quiz.spectral.b": {"zh": "σₖ", "en": "σₖ"},
    "rec.quiz.spectral.c": {"zh": "σₖ₊₁ + σₖ₊₂ + …", "en": "σₖ₊₁ + σₖ₊₂ + …"},
    "rec.quiz.spectral.why": {
        "zh": "S − Sₖ = σₖ₊₁uₖ₊₁vₖ₊₁ᵀ + σₖ₊₂uₖ₊₂vₖ₊₂ᵀ + …，它最大的奇异值就是 σₖ₊₁。",
        "en": "S − Sₖ = σₖ₊₁uₖ₊₁vₖ₊₁ᵀ + σₖ₊₂uₖ₊₂vₖ₊₂ᵀ + …, whose largest singular value is σₖ₊₁.",
    },
    "rec.quiz.energy.q": {
        "zh": "笔记里“计算前后的值”比较的其实是什么？",
        "en": "What does the note's “value before and after” really compare?",
    },
    "rec.quiz.energy.a": {
        "zh": "保留的能量 (σ₁² + … + σₖ²) / (σ₁² + σ₂² + …)（F 范数的平方）",
        "en": "The energy kept, (σ₁² + … + σₖ²) / (σ₁² + σ₂² + …) (squared Frobenius norms)",
    },
    "rec.quiz.energy.b": {"zh": "行列式 det Sₖ / det S", "en": "The determinants det Sₖ / det S"},
    "rec.quiz.energy.c": {"zh": "特征值之和", "en": "The sum of the eigenvalues"},
    "rec.quiz.energy.why": {
        "zh": "平方和 Σ σᵢ² = ‖S‖²_F。行列式是乘积 |det S| = Π σᵢ；秩 k < n 的方阵 Sₖ 行列式为 0，比较它没有意义。",
        "en": "The sum Σ σᵢ² = ‖S‖²_F. The determinant is a product, |det S| = Π σᵢ; a square Sₖ of rank k < n has determinant 0, so comparing it tells nothing.",
    },
    "rec.quiz.storage.q": {
        "zh": "一个 m×n 矩阵的秩 k 近似要存多少个数？",
        "en": "How many numbers does a rank-k approximation of an m×n matrix store?",
    },
    "rec.quiz.storage.a": {"zh": "k(m + n + 1)", "en": "k(m + n + 1)"},
    "rec.quiz.storage.b": {"zh": "k·m·n", "en": "k·m·n"},
    "rec.quiz.storage.c": {"zh": "m·n / k", "en": "m·n / k"},
    "rec.quiz.storage.why": {
        "zh": "k 列 u（各 m 个数）、k 行 vᵀ（各 n 个数）和 k 个 σ。k 小的时候比 m·n 少得多。",
        "en": "k columns u (m numbers each), k rows vᵀ (n numbers each) and k values σ. For small k that is far less than m·n.",
    },
}
