"""/svd: the factors, orthogonality, singular values against eigenvalues (pages/2_svd.py)."""

MESSAGES: dict[str, dict[str, str]] = {
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
}
