"""/geometry: S = UΣVᵀ of a 2×2 matrix on the unit circle (pages/1_geometry.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    "geo.question": {
        "zh": "一个 2×2 矩阵把单位圆变成什么？“旋转 × 伸缩 × 旋转”到底是哪一次旋转、伸缩多少？",
        "en": "What does a 2×2 matrix do to the unit circle, and which rotation, which stretch, which "
        "rotation is “rotate × stretch × rotate”?",
    },
    # --- choosing S ------------------------------------------------------------------------------
    "geo.input.header": {"zh": "选一个矩阵 S", "en": "Choose a matrix S"},
    "geo.entry": {"zh": "第 {row} 行第 {col} 列", "en": "Row {row}, column {col}"},
    "geo.input.text": {
        "zh": "或者一次输入四个数 a, b, c, d（按行写），回车确认",
        "en": "Or type all four as a, b, c, d (row by row), then press Enter",
    },
    "geo.input.help": {
        "zh": "也可以在图里拖动黑点 Se₁ 和 Se₂：它们就是 S 的两列（e₁、e₂ 的像）。",
        "en": "Or drag the black dots Se₁ and Se₂ in the picture: they are S's two columns (the "
        "images of e₁ and e₂).",
    },
    "geo.preset": {"zh": "预设", "en": "Presets"},
    "geo.preset.shear": {"zh": "剪切", "en": "Shear"},
    "geo.preset.rotation": {"zh": "旋转 40°", "en": "Rotation by 40°"},
    "geo.preset.symmetric": {"zh": "对称矩阵", "en": "Symmetric"},
    "geo.preset.projection": {"zh": "投影（秩 1）", "en": "Projection (rank 1)"},
    "geo.preset.note": {"zh": "像笔记里的：σ₂ 几乎为 0", "en": "Like the note's: σ₂ near 0"},
    "geo.preset.reflection": {"zh": "带翻转（det S < 0）", "en": "With a flip (det S < 0)"},
    "geo.rank1.toggle": {"zh": "只保留 σ₁（秩 1 近似 S₁）", "en": "Keep only σ₁ (rank-1 S₁)"},
    "geo.rank1.help": {
        "zh": "去掉 σ₂：椭圆压扁成一条线段，图里画的是 S₁ = σ₁u₁v₁ᵀ 的作用。",
        "en": "Drop σ₂: the ellipse collapses to a segment; the picture shows what S₁ = σ₁u₁v₁ᵀ does.",
    },
    "geo.error.url": {
        "zh": "链接里的 m={value} 没有用上：",
        "en": "The link's m={value} was not used:",
    },
    "geo.error.count": {
        "zh": "需要正好 4 个数（a,b,c,d，按行写），这里有 {count} 个。",
        "en": "Exactly 4 numbers are needed (a,b,c,d, row by row); there are {count}.",
    },
    "geo.error.number": {
        "zh": "“{value}”不是一个有限的数字。",
        "en": "“{value}” is not a finite number.",
    },
    "geo.error.range": {
        "zh": "“{value}”太大：每一项都要在 −{limit} 到 {limit} 之间。",
        "en": "“{value}” is too large: every entry must lie between −{limit} and {limit}.",
    },
    # --- the browser's view (lowrank/ui/geometry.js) ---------------------------------------------
    "geo.js.play": {"zh": "▶ 播放", "en": "▶ Play"},
    "geo.js.pause": {"zh": "⏸ 暂停", "en": "⏸ Pause"},
    "geo.js.back": {"zh": "⏮ 上一步", "en": "⏮ Step back"},
    "geo.js.next": {"zh": "下一步 ⏭", "en": "Step ⏭"},
    "geo.js.scrubber": {"zh": "进度：Vᵀ → Σ → U", "en": "Progress: Vᵀ → Σ → U"},
    "geo.js.download": {"zh": "下载这一帧（PNG）", "en": "Download this frame (PNG)"},
    "geo.js.hint": {
        "zh": "拖动黑点 Se₁、Se₂ 改变 S；拖动时数字由浏览器即时计算，松开后由服务器重新计算。",
        "en": "Drag the black dots Se₁, Se₂ to change S; while you drag, the browser computes the "
        "numbers, and on release the server computes them again.",
    },
    "geo.js.legend": {
        "zh": "灰色虚线：单位圆；蓝色：它的像；红、紫箭头：v₁、v₂ 一路被变换，最后成为 σ₁u₁、σ₂u₂；橙色点线：实特征向量所在的直线。",
        "en": "Grey dashes: the unit circle; blue: its image; red and purple arrows: v₁ and v₂ "
        "carried along, ending as σ₁u₁ and σ₂u₂; orange dots: the lines of the real eigenvectors.",
    },
    "geo.js.matrix": {"zh": "S", "en": "S"},
    "geo.js.area": {"zh": "面积倍数 |det S|", "en": "Area factor |det S|"},
    "geo.js.energy": {"zh": "能量 σ₁² + σ₂²", "en": "Energy σ₁² + σ₂²"},
    "geo.js.stage0": {
        "zh": "第 1 步（共 3 步）· Vᵀ：旋转 {v}°，把 v₁ 转到横轴上，v₂ 转到纵轴上。",
        "en": "Step 1 of 3 · Vᵀ: rotate by {v}°, turning v₁ onto the x axis and v₂ onto the y axis.",
    },
    "geo.js.stage1": {
        "zh": "第 2 步（共 3 步）· Σ：沿横轴伸缩 σ₁ = {s1} 倍，沿纵轴伸缩 σ₂ = {s2} 倍。",
        "en": "Step 2 of 3 · Σ: stretch by σ₁ = {s1} along the x axis and σ₂ = {s2} along the y axis.",
    },
    "geo.js.stage2": {
        "zh": "第 3 步（共 3 步）· U：旋转 {u}°。",
        "en": "Step 3 of 3 · U: rotate by {u}°.",
    },
    "geo.js.stage2_reflection": {
        "zh": "第 3 步（共 3 步）· U 是一次翻转（det S < 0）：先把纵轴翻过来（图形会先压成一条线段，旋转做不到这一点），再旋转 {u}°；合起来是关于 {mirror}° 方向那条直线的镜像。",
        "en": "Step 3 of 3 · U is a reflection (det S < 0): first flip the y axis (the picture "
        "passes through a segment, which no rotation does), then rotate by {u}°; together, a "
        "mirror across the line at {mirror}°.",
    },
    "geo.js.stage3": {
        "zh": "完成：Sx = U(Σ(Vᵀx))。椭圆的两条半轴就是 σ₁u₁ 和 σ₂u₂。",
        "en": "Done: Sx = U(Σ(Vᵀx)). The ellipse's semi-axes are σ₁u₁ and σ₂u₂.",
    },
    "geo.js.stage3_rank1": {
        "zh": "完成，但去掉了 σ₂：S₁x = σ₁u₁(v₁ᵀx)。椭圆压扁成沿 u₁ 的一条线段，半长为 σ₁ = {s1}。",
        "en": "Done, with σ₂ dropped: S₁x = σ₁u₁(v₁ᵀx). The ellipse has collapsed to a segment "
        "along u₁, of half-length σ₁ = {s1}.",
    },
    "geo.js.alt": {
        "zh": "单位圆（虚线）和它在 S 下的像：一个半轴为 σ₁ = {s1}、σ₂ = {s2} 的椭圆；det S = {det}。",
        "en": "The unit circle (dashed) and its image under S: an ellipse with semi-axes "
        "σ₁ = {s1} and σ₂ = {s2}; det S = {det}.",
    },
    # --- the numbers -----------------------------------------------------------------------------
    "geo.factors.header": {"zh": "三步各做了什么", "en": "What each step does"},
    "geo.factor.vt": {
        "zh": "Vᵀ：旋转 {angle}°（v₁ 在 {v}° 方向，被转到横轴上）。",
        "en": "Vᵀ: a rotation by {angle}° (v₁ points at {v}° and is turned onto the x axis).",
    },
    "geo.factor.sigma": {
        "zh": "Σ：沿两条坐标轴分别伸缩 σ₁ = {s1}、σ₂ = {s2} 倍。",
        "en": "Σ: a stretch by σ₁ = {s1} and σ₂ = {s2} along the two axes.",
    },
    "geo.factor.u.rotation": {
        "zh": "U：旋转 {angle}°（把横轴转到 u₁ 的方向）。",
        "en": "U: a rotation by {angle}° (turning the x axis onto u₁).",
    },
    "geo.factor.u.reflection": {
        "zh": "U：一次翻转，关于 {mirror}° 方向的直线做镜像（画成先翻转纵轴、再旋转 {angle}°）。",
        "en": "U: a reflection, the mirror across the line at {mirror}° (drawn as a flip of the "
        "y axis, then a rotation by {angle}°).",
    },
    "geo.sign.positive": {
        "zh": "这里约定 V 总是旋转。det S = det U · σ₁σ₂ · det V > 0，所以 U 也是旋转。",
        "en": "Here V is always taken to be a rotation. det S = det U · σ₁σ₂ · det V > 0, so U "
        "is a rotation too.",
    },
    "geo.sign.negative": {
        "zh": "这里约定 V 总是旋转。det S = det U · σ₁σ₂ · det V < 0，所以 det U = −1：U 必须是一次翻转，任何旋转都做不到。",
        "en": "Here V is always taken to be a rotation. det S = det U · σ₁σ₂ · det V < 0, so "
        "det U = −1: U must be a reflection; no rotation can do it.",
    },
    "geo.sign.singular": {
        "zh": "这里约定 V 总是旋转。σ₂ = 0（S 的秩小于 2），u₂ 乘的是 0，怎么选都行：这里把 U 选成旋转。",
        "en": "Here V is always taken to be a rotation. σ₂ = 0 (S has rank below 2), so u₂ is "
        "multiplied by 0 and either choice works: U is taken to be a rotation.",
    },
    "geo.m.sigma1": {"zh": "σ₁（长半轴）", "en": "σ₁ (long semi-axis)"},
    "geo.m.sigma2": {"zh": "σ₂（短半轴）", "en": "σ₂ (short semi-axis)"},
    "geo.m.det": {"zh": "det S", "en": "det S"},
    "geo.area.header": {
        "zh": "面积：行列式量的是这个",
        "en": "Area: what the determinant measures",
    },
    "geo.area.caption": {
        "zh": "单位圆的面积是 π，它的像（椭圆）面积是 π|det S| = π·σ₁σ₂。",
        "en": "The unit circle has area π; its image, the ellipse, has area π|det S| = π·σ₁σ₂.",
    },
    "geo.m.area": {"zh": "面积倍数 |det S| = σ₁σ₂", "en": "Area factor |det S| = σ₁σ₂"},
    "geo.m.ellipse": {"zh": "椭圆面积 π|det S|", "en": "Ellipse area π|det S|"},
    "geo.energy.header": {
        "zh": "能量：秩 k 截断保留的是这个",
        "en": "Energy: what rank-k truncation keeps",
    },
    "geo.energy.caption": {
        "zh": "σ₁² + σ₂² = $\\|S\\|_F^2$（所有元素的平方和）。秩 2 保留全部能量。",
        "en": "σ₁² + σ₂² = $\\|S\\|_F^2$ (the sum of the squared entries). Rank 2 keeps all of it.",
    },
    "geo.m.energy": {"zh": "能量 σ₁² + σ₂²", "en": "Energy σ₁² + σ₂²"},
    "geo.m.kept1": {"zh": "秩 1 保留的能量", "en": "Energy kept by rank 1"},
    "geo.rank1.header": {"zh": "秩 1：只留 σ₁", "en": "Rank 1: keep σ₁ only"},
    "geo.rank1.matrix": {
        "zh": "S₁ = σ₁u₁v₁ᵀ = {matrix}",
        "en": "S₁ = σ₁u₁v₁ᵀ = {matrix}",
    },
    "geo.rank1.error": {
        "zh": "$\\|S - S_1\\|_F$ = {error}（由 S − S₁ 的元素直接算），等于 σ₂ = {sigma2}；保留的能量 σ₁²/(σ₁² + σ₂²) = {kept}。",
        "en": "$\\|S - S_1\\|_F$ = {error} (from the entries of S − S₁), which is σ₂ = {sigma2}; the "
        "energy kept is σ₁²/(σ₁² + σ₂²) = {kept}.",
    },
    "geo.rank1.link": {
        "zh": "在更大的矩阵上保留最大的奇异值",
        "en": "Keep the largest singular values of a bigger matrix",
    },
    # --- eigen vs singular -----------------------------------------------------------------------
    "geo.eigen.header": {"zh": "特征向量和奇异向量", "en": "Eigenvectors and singular vectors"},
    "geo.eigen.complex": {
        "zh": "S 没有实特征向量：特征值 λ = {l1} 和 {l2} 是一对复数。没有哪个方向只被伸缩而不被转动。奇异向量照样存在：v₁（{v1}°）和 v₂（{v2}°）互相垂直。",
        "en": "S has no real eigenvectors: its eigenvalues λ = {l1} and {l2} are a complex pair. "
        "No direction is only stretched; every one is turned. The singular vectors exist all the "
        "same: v₁ (at {v1}°) and v₂ (at {v2}°), perpendicular.",
    },
    "geo.eigen.every": {
        "zh": "S = λI，λ = {l1}：每个方向都是特征向量，也都是奇异向量。",
        "en": "S = λI with λ = {l1}: every direction is an eigenvector, and a singular vector too.",
    },
    "geo.eigen.one": {
        "zh": "只有一条特征向量方向（{a1}°，特征值 λ = {l1} 重复两次）：S 不能对角化。奇异向量 v₁（{v1}°）和 v₂（{v2}°）仍然互相垂直，却不是特征向量。",
        "en": "Only one eigenvector direction (at {a1}°, the eigenvalue λ = {l1} repeated): S "
        "cannot be diagonalised. The singular vectors v₁ (at {v1}°) and v₂ (at {v2}°) are "
        "perpendicular all the same, and are not eigenvectors.",
    },
    "geo.eigen.symmetric": {
        "zh": "S 是对称矩阵：特征向量（{a1}° 和 {a2}°）互相垂直，而且就是奇异向量 v₁、v₂；奇异值是 |λ|（λ = {l1}、{l2}）。",
        "en": "S is symmetric: its eigenvectors (at {a1}° and {a2}°) are perpendicular and are "
        "the singular vectors v₁, v₂; the singular values are the |λ| (λ = {l1}, {l2}).",
    },
    "geo.eigen.equal_sigma": {
        "zh": "S 是对称矩阵，特征向量（{a1}° 和 {a2}°，λ = {l1}、{l2}）互相垂直；但 σ₁ = σ₂，任意一对垂直方向都可以当奇异向量，它们只是其中一对。",
        "en": "S is symmetric and its eigenvectors (at {a1}° and {a2}°, λ = {l1}, {l2}) are "
        "perpendicular; but σ₁ = σ₂, so any perpendicular pair serves as singular vectors, these "
        "among them.",
    },
    "geo.eigen.oblique": {
        "zh": "特征向量在 {a1}° 和 {a2}°（λ = {l1}、{l2}），夹角是 {between}°：不垂直。奇异向量 v₁（{v1}°）和 v₂（{v2}°）总是垂直的，所以它们不是同一组向量；只有对称矩阵的两者才重合。",
        "en": "The eigenvectors point at {a1}° and {a2}° (λ = {l1}, {l2}), {between}° apart: "
        "not perpendicular. The singular vectors v₁ (at {v1}°) and v₂ (at {v2}°) always are, so "
        "they are not the same vectors; the two coincide only for a symmetric S.",
    },
    "geo.eigen.always": {
        "zh": "无论哪种情况：|λ₁λ₂| = |det S| = σ₁σ₂。",
        "en": "In every case: |λ₁λ₂| = |det S| = σ₁σ₂.",
    },
    # --- in the note -----------------------------------------------------------------------------
    "geo.note.says": {
        "zh": "“U 是d x d的正交矩阵，∑是d X k的对角矩阵(奇异值),V^T 是k x k的正交矩阵。……计算前后的矩阵行列式的值（通过特征值平方相加）”",
        "en": "“U is a d×d orthogonal matrix, Σ a d×k diagonal matrix (the singular values), Vᵀ "
        "a k×k orthogonal matrix. … compute the matrix's determinant before and after (by adding "
        "the squared eigenvalues)” (translated)",
    },
    "geo.note.precise": {
        "zh": "在平面上，“正交矩阵”就是一次旋转或一次翻转（镜像），所以 S = UΣVᵀ 是“旋转（或翻转）× 沿坐标轴伸缩 × 旋转（或翻转）”；当 det S < 0 时，必须有一次翻转。行列式和平方和是两回事：|det S| = σ₁σ₂ 是面积倍数，而 σ₁² + σ₂² = $\\|S\\|_F^2$ 是能量，截断到秩 k 时比较的是能量。",
        "en": "In the plane an orthogonal matrix is a rotation or a reflection (a mirror), so "
        "S = UΣVᵀ is rotate (or reflect) × stretch along the axes × rotate (or reflect); when "
        "det S < 0 one reflection is unavoidable. The determinant and the sum of squares are two "
        "different things: |det S| = σ₁σ₂ is the area factor, while σ₁² + σ₂² = $\\|S\\|_F^2$ is the "
        "energy, and the energy is what a rank-k truncation is compared by.",
    },
    "geo.note.live": {
        "zh": "当前的 S：det S = {det}，面积倍数 |det S| = {area}，能量 σ₁² + σ₂² = {energy}。",
        "en": "For the current S: det S = {det}, area factor |det S| = {area}, energy "
        "σ₁² + σ₂² = {energy}.",
    },
    # --- self-check ------------------------------------------------------------------------------
    "geo.quiz.area.q": {
        "zh": "S 的奇异值是 3 和 0.5。单位圆的像（椭圆）面积是多少？",
        "en": "S has singular values 3 and 0.5. What is the area of the unit circle's image?",
    },
    "geo.quiz.area.a": {"zh": "1.5π", "en": "1.5π"},
    "geo.quiz.area.b": {"zh": "9.25π", "en": "9.25π"},
    "geo.quiz.area.c": {"zh": "3.5π", "en": "3.5π"},
    "geo.quiz.area.why": {
        "zh": "面积倍数是 |det S| = σ₁σ₂ = 1.5，所以面积是 1.5π；9.25 = 3² + 0.5² 是能量，不是面积。",
        "en": "The area factor is |det S| = σ₁σ₂ = 1.5, so the area is 1.5π; 9.25 = 3² + 0.5² is "
        "the energy, not an area.",
    },
    "geo.quiz.flip.q": {
        "zh": "det S < 0 时，S = UΣVᵀ 里会发生什么？",
        "en": "What happens in S = UΣVᵀ when det S < 0?",
    },
    "geo.quiz.flip.a": {
        "zh": "U、V 中恰好有一个是翻转",
        "en": "Exactly one of U and V is a reflection",
    },
    "geo.quiz.flip.b": {"zh": "某个奇异值是负数", "en": "A singular value is negative"},
    "geo.quiz.flip.c": {"zh": "没有 SVD", "en": "There is no SVD"},
    "geo.quiz.flip.why": {
        "zh": "奇异值总是 ≥ 0，所以 det S 的符号只能来自 det U · det V = −1：恰好一次翻转。",
        "en": "Singular values are always ≥ 0, so the sign of det S can only come from "
        "det U · det V = −1: exactly one reflection.",
    },
    "geo.quiz.eigen.q": {
        "zh": "剪切矩阵 [[1, 1], [0, 1]] 的特征向量和奇异向量是什么关系？",
        "en": "How do the eigenvectors of the shear [[1, 1], [0, 1]] relate to its singular vectors?",
    },
    "geo.quiz.eigen.a": {
        "zh": "它只有一条特征向量方向（横轴），奇异向量却是两条垂直的、别的方向",
        "en": "It has a single eigenvector direction (the x axis), while its singular vectors are "
        "two perpendicular, different directions",
    },
    "geo.quiz.eigen.b": {
        "zh": "它们是同一组向量",
        "en": "They are the same vectors",
    },
    "geo.quiz.eigen.c": {
        "zh": "它没有奇异向量",
        "en": "It has no singular vectors",
    },
    "geo.quiz.eigen.why": {
        "zh": "特征值 1 重复两次，只有横轴方向不被转动；奇异向量对任何矩阵都存在且互相垂直，只有对称矩阵的特征向量才和它们重合。",
        "en": "The eigenvalue 1 is repeated and only the x axis is not turned; singular vectors "
        "exist for every matrix and are perpendicular, and only a symmetric matrix's eigenvectors "
        "coincide with them.",
    },
}
