#!/usr/bin/python3
"""SciPy peer of bench/bench_flow: the weight-space gradient flow of a deep
linear network (paper Eq. 9, population loss) integrated with
scipy.integrate.solve_ivp, written independently of the C code.

The right-hand side is the direct NumPy transcription of the gradient,
dW^l/dt = S_l^T (T - W_eff) Sigma P_{l-1}^T, with the prefix products
P_l = W^l ... W^1 formed as n_l x D matrices (what one writes from the
formula; --rhs=chain uses matrix-vector chains instead, as the C side does).

usage: flow_scipy.py PROBLEM [--methods=RK45,DOP853] [--rtols=1e-6,1e-8]
                             [--rhs=matrix|chain]
PROBLEM is the file bench_flow writes ("SAFLOW1\\n", int64 L, n_0..n_L,
doubles sigma, t_end, Sigma, T, theta0).  Tolerances: rtol r and per weight
atol = 100 r sigma/sqrt(fan_in), as on the C side.  Prints one line per run:
  scipy METHOD RTOL CPU_SECONDS FINAL_LOSS NFEV
(CPU time of solve_ivp alone, process_time, one BLAS thread).
"""
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402
from scipy.integrate import solve_ivp  # noqa: E402


def load(path):
    with open(path, "rb") as f:
        if f.readline() != b"SAFLOW1\n":
            sys.exit(f"flow_scipy.py: {path}: not a bench_flow problem file")
        L = int(np.frombuffer(f.read(8), "<i8")[0])
        n = [int(v) for v in np.frombuffer(f.read(8 * (L + 1)), "<i8")]
        sigma, t_end = np.frombuffer(f.read(16), "<f8")
        D, C = n[0], n[L]
        Sigma = np.frombuffer(f.read(8 * D * D), "<f8").reshape(D, D).copy()
        T = np.frombuffer(f.read(8 * C * D), "<f8").reshape(C, D).copy()
        npar = sum(n[l] * n[l - 1] for l in range(1, L + 1))
        theta0 = np.frombuffer(f.read(8 * npar), "<f8").copy()
    return L, n, float(sigma), float(t_end), Sigma, T, theta0


def layers(theta, n):
    """Views W^1..W^L (row-major n_l x n_{l-1}) into theta."""
    out, off = [], 0
    for l in range(1, len(n)):
        size = n[l] * n[l - 1]
        out.append(theta[off:off + size].reshape(n[l], n[l - 1]))
        off += size
    return out


def make_rhs(n, Sigma, T, form):
    L, C = len(n) - 1, n[-1]

    def rhs_matrix(t, theta):
        W = layers(theta, n)
        P = [None, W[0]]                       # P_l, n_l x D
        for l in range(2, L + 1):
            P.append(W[l - 1] @ P[l - 1])
        G = (T - P[L]) @ Sigma                 # C x D
        S = [None] * (L + 1)                   # S_l, C x n_l
        S[L] = np.eye(C)
        for l in range(L, 0, -1):
            S[l - 1] = S[l] @ W[l - 1]
        out = np.empty_like(theta)
        dW = layers(out, n)
        dW[0][...] = S[1].T @ G
        for l in range(2, L + 1):
            dW[l - 1][...] = S[l].T @ (G @ P[l - 1].T)
        return out

    def rhs_chain(t, theta):
        W = layers(theta, n)
        S = [None] * (L + 1)
        S[L] = np.eye(C)
        for l in range(L, 0, -1):
            S[l - 1] = S[l] @ W[l - 1]
        G = (T - S[0]) @ Sigma                 # C x D
        out = np.empty_like(theta)
        dW = layers(out, n)
        p = G.T                                # p_l = P_l G^T, n_l x C
        for l in range(1, L + 1):
            dW[l - 1][...] = S[l].T @ p.T
            if l < L:
                p = W[l - 1] @ p
        return out

    return rhs_matrix if form == "matrix" else rhs_chain


def loss(theta, n, Sigma, T):
    W = layers(theta, n)
    Weff = W[0]
    for Wl in W[1:]:
        Weff = Wl @ Weff
    E = Weff - T
    return 0.5 * float(np.sum((E @ Sigma) * E))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    opts = {"methods": "RK45,DOP853", "rtols": "1e-6,1e-8", "rhs": "matrix"}
    for a in argv[2:]:
        k, _, v = a.lstrip("-").partition("=")
        if k not in opts:
            sys.exit(f"flow_scipy.py: unknown option {a}")
        opts[k] = v
    L, n, sigma, t_end, Sigma, T, theta0 = load(argv[1])
    rhs = make_rhs(n, Sigma, T, opts["rhs"])
    unit = np.concatenate([np.full(n[l] * n[l - 1], sigma / np.sqrt(n[l - 1]))
                           for l in range(1, L + 1)])
    for method in opts["methods"].split(","):
        for r in (float(x) for x in opts["rtols"].split(",")):
            t0 = time.process_time()
            sol = solve_ivp(rhs, (0.0, t_end), theta0, method=method, rtol=r,
                            atol=100 * r * unit, t_eval=[t_end])
            cpu = time.process_time() - t0
            if sol.status != 0:
                print(f"# {method} rtol {r}: {sol.message}", flush=True)
                continue
            print(f"scipy {method} {r:g} {cpu:.6f} {loss(sol.y[:, -1], n, Sigma, T):.17g} "
                  f"{sol.nfev}", flush=True)


if __name__ == "__main__":
    main(sys.argv)
