/// A basis inverse `B^-1` held as a product of elementary matrices (the eta file), for
/// `RevisedSimplex` masters too large for a dense inverse.
///
/// ## Design note
/// The product form of the inverse (Dantzig and Orchard-Hays 1954; Chvátal 1983, "Linear
/// Programming", ch. 24): `B^-1 = E_t ... E_1`, starting from the slack basis (the identity,
/// row r at basis position r). A pivot at position p with entering column `alpha = B^-1 a`
/// appends a *column eta*: `x_p <- x_p / alpha_p`, `x_k <- x_k - alpha_k x_p` for the other k.
/// A row added with its slack basic (`RevisedSimplex.addRow`) appends a *row eta* on the new
/// position q: `x_q <- x_q - sum_k a_k x_k`, `a_k` the row's coefficient on the variable at
/// basis position k, which is `[[B^-1, 0], [-a_B B^-1, 1]]`. FTRAN (`B^-1 v`) applies the etas
/// in order, BTRAN (`y B^-1`) in reverse. Memory and work grow with the non-zeros of the etas,
/// not with rows^2; the file is rebuilt from the basis (`RevisedSimplex.reinvert`) when it
/// grows long, which also clears the rounding the updates gather.
struct ProductFormInverse: Sendable {
    /// Per eta: the position it pivots on (column eta) or adds (row eta), the pivot element
    /// (0 for a row eta), and its entries `index[start[e]..<start[e + 1]]`, `value[...]`.
    var position: [Int32] = []
    var pivot: [Double] = []
    var start: [Int] = [0]
    var index: [Int32] = []
    var value: [Double] = []

    var etaCount: Int { position.count }
    var entryCount: Int { index.count }

    /// Appends the column eta of a pivot at `p` with the entering column `alpha` (entries
    /// other than p that are non-zero listed in `nonzero`).
    mutating func appendColumnEta(at p: Int, alpha: [Double], nonzero: [Int]) {
        position.append(Int32(p))
        pivot.append(alpha[p])
        for k in nonzero where k != p {
            index.append(Int32(k))
            value.append(alpha[k])
        }
        start.append(index.count)
    }

    /// Appends the row eta of a new position `q`: `x_q -= sum a_k x_k` over `entries`.
    mutating func appendRowEta(at q: Int, entries: [(position: Int, value: Double)]) {
        position.append(Int32(q))
        pivot.append(0)
        for (k, a) in entries where a != 0 {
            index.append(Int32(k))
            value.append(a)
        }
        start.append(index.count)
    }

    /// `x <- B^-1 x` in place (x indexed by rows on entry, by basis positions on return).
    /// - Complexity: O(entries of the etas).
    func ftran(_ x: inout [Double]) {
        x.withUnsafeMutableBufferPointer { x in
            index.withUnsafeBufferPointer { index in
                value.withUnsafeBufferPointer { value in
                    for e in 0..<position.count {
                        let p = Int(position[e]), a = pivot[e]
                        if a != 0 {
                            let t = x[p] / a
                            x[p] = t
                            guard t != 0 else { continue }
                            for j in start[e]..<start[e + 1] { x[Int(index[j])] -= value[j] * t }
                        } else {
                            var s = x[p]
                            for j in start[e]..<start[e + 1] { s -= value[j] * x[Int(index[j])] }
                            x[p] = s
                        }
                    }
                }
            }
        }
    }

    /// `y <- y B^-1` in place (y indexed by basis positions on entry, by rows on return).
    /// - Complexity: O(entries of the etas).
    func btran(_ y: inout [Double]) {
        y.withUnsafeMutableBufferPointer { y in
            index.withUnsafeBufferPointer { index in
                value.withUnsafeBufferPointer { value in
                    for e in stride(from: position.count - 1, through: 0, by: -1) {
                        let p = Int(position[e]), a = pivot[e]
                        if a != 0 {
                            var s = y[p]
                            for j in start[e]..<start[e + 1] { s -= value[j] * y[Int(index[j])] }
                            y[p] = s / a
                        } else {
                            let t = y[p]
                            guard t != 0 else { continue }
                            for j in start[e]..<start[e + 1] { y[Int(index[j])] -= t * value[j] }
                        }
                    }
                }
            }
        }
    }
}
