/* The convolutions of conv.h, written once for both precisions
 * (real_on.h): conv.c compiles this with REAL = double (sa_conv_forward,
 * dgemm), conv_float.c with REAL = float (sa_conv_forward_float, sgemm).
 * Not compiled on its own; the includes are the wrappers'.
 *
 * GCC's -O2 vectorises only loops whose trip count it can prove a multiple
 * of the vector length ("very cheap" cost model); im2col's and col2im's row
 * copies, ReLU masks and adds have run-time lengths (the valid part of an
 * image row), so these functions ask for the dynamic cost model.  The
 * loops are element-wise (no reassociation; C11 mode contracts no FMAs), so
 * the results are bit for bit those of the scalar code. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize", "vect-cost-model=dynamic")
#endif

SA_FN(sa_conv_buf) * SA_FN(sa_conv_buf_alloc)(size_t cap)
{
  SA_FN(sa_conv_buf) *b = calloc(1, sizeof *b);
  if (!b)
    return NULL;
  b->cap = cap;
  b->wino = SA_CONV_WINO_AUTO;
  b->col = malloc(cap * sizeof *b->col);
  b->dcol = malloc(cap * sizeof *b->dcol);
  if (!b->col || !b->dcol) {
    SA_FN(sa_conv_buf_free)(b);
    return NULL;
  }
  return b;
}

void SA_FN(sa_conv_buf_free)(SA_FN(sa_conv_buf) * b)
{
  if (!b)
    return;
  free(b->col);
  free(b->dcol);
  free(b->u);
  free(b);
}

/* Input row iy of kernel row ky for output row oy, or -1 in the padding. */
static long in_index(size_t o, size_t k, size_t stride, size_t pad, size_t n)
{
  long i = (long)(o * stride + k) - (long)pad;
  return i >= 0 && i < (long)n ? i : -1;
}

/* Outputs ox in [*lo, *hi) read an input column inside the image for
 * kernel column kx: 0 <= ox s + kx - pl < w. */
static void valid_range(const sa_conv_geom *g, size_t kx, size_t *lo, size_t *hi)
{
  long s = (long)g->stride, off = (long)kx - (long)g->pl, w = (long)g->w;
  long a = off >= 0 ? 0 : (-off + s - 1) / s;             /* first ox with ox s + off >= 0 */
  long b = (w - 1 - off) < 0 ? 0 : (w - 1 - off) / s + 1; /* ox s + off <= w - 1 */
  if (b > (long)g->wo)
    b = (long)g->wo;
  if (a > b)
    a = b;
  *lo = (size_t)a;
  *hi = (size_t)b;
}

void SA_FN(sa_conv_im2col)(const sa_conv_geom *g, const SA_MAT *X, size_t s0, size_t S, int relu_in,
                           REAL *col)
{
  size_t hw = g->h * g->w, howo = g->ho * g->wo, ld = S * howo, st = g->stride;
  for (size_t ci = 0; ci < g->cin; ci++)
    for (size_t ky = 0; ky < 3; ky++)
      for (size_t kx = 0; kx < 3; kx++) {
        REAL *row = col + (ci * 9 + ky * 3 + kx) * ld;
        size_t lo, hi;
        valid_range(g, kx, &lo, &hi);
        long off = (long)kx - (long)g->pl;
        for (size_t s = 0; s < S; s++) {
          const REAL *img = X->data + ci * X->tda + (s0 + s) * hw;
          REAL *dst = row + s * howo;
          for (size_t oy = 0; oy < g->ho; oy++) {
            long iy = in_index(oy, ky, st, g->pt, g->h);
            REAL *d = dst + oy * g->wo;
            if (iy < 0) {
              memset(d, 0, g->wo * sizeof *d);
              continue;
            }
            long base = iy * (long)g->w + off; /* x[iy, ox s + off] = img[base + ox s] */
            for (size_t ox = 0; ox < lo; ox++)
              d[ox] = 0.0;
            if (st == 1 && hi > lo) { /* a contiguous run of the input row: vectorisable */
              size_t len = hi - lo;
              const REAL *restrict src = img + (base + (long)lo); /* x[iy, lo + off] */
              REAL *restrict dst1 = d + lo;
              if (relu_in)
                for (size_t j = 0; j < len; j++) {
                  REAL v = src[j];
                  dst1[j] = v > 0.0 ? v : 0.0;
                }
              else
                memcpy(dst1, src, len * sizeof *dst1);
            } else if (relu_in)
              for (size_t ox = lo; ox < hi; ox++) {
                REAL v = img[base + (long)(ox * st)];
                d[ox] = v > 0.0 ? v : 0.0;
              }
            else
              for (size_t ox = lo; ox < hi; ox++)
                d[ox] = img[base + (long)(ox * st)];
            for (size_t ox = hi; ox < g->wo; ox++)
              d[ox] = 0.0;
          }
        }
      }
}

void SA_FN(sa_conv_col2im_add)(const sa_conv_geom *g, const REAL *dcol, size_t s0, size_t S,
                               const SA_MAT *mask, SA_MAT *dX)
{
  size_t hw = g->h * g->w, howo = g->ho * g->wo, ld = S * howo, st = g->stride;
  for (size_t ci = 0; ci < g->cin; ci++)
    for (size_t ky = 0; ky < 3; ky++)
      for (size_t kx = 0; kx < 3; kx++) {
        const REAL *row = dcol + (ci * 9 + ky * 3 + kx) * ld;
        size_t lo, hi;
        valid_range(g, kx, &lo, &hi);
        long off = (long)kx - (long)g->pl;
        for (size_t s = 0; s < S; s++) {
          REAL *img = dX->data + ci * dX->tda + (s0 + s) * hw;
          const REAL *mimg = mask ? mask->data + ci * mask->tda + (s0 + s) * hw : NULL;
          const REAL *src = row + s * howo;
          for (size_t oy = 0; oy < g->ho; oy++) {
            long iy = in_index(oy, ky, st, g->pt, g->h);
            if (iy < 0)
              continue;
            long base = iy * (long)g->w + off;
            const REAL *v = src + oy * g->wo;
            if (st == 1) { /* contiguous: one add per element, vectorisable */
              size_t len = hi > lo ? hi - lo : 0;
              REAL *restrict dst1 = img + (base + (long)lo);
              const REAL *restrict v1 = v + lo;
              if (mimg) {
                const REAL *restrict m1 = mimg + (base + (long)lo);
                for (size_t j = 0; j < len; j++)
                  dst1[j] += m1[j] > 0.0 ? v1[j] : 0.0;
              } else
                for (size_t j = 0; j < len; j++)
                  dst1[j] += v1[j];
            } else if (mimg)
              for (size_t ox = lo; ox < hi; ox++) {
                long i = base + (long)(ox * st);
                img[i] += mimg[i] > 0.0 ? v[ox] : 0.0;
              }
            else
              for (size_t ox = lo; ox < hi; ox++)
                img[base + (long)(ox * st)] += v[ox];
          }
        }
      }
}

/* ---- Winograd F(m x m, 3 x 3) for stride 1 ------------------------------ */

/* Transform matrices (alpha = m + 2 points): Y = A^T [(G g G^T) .* (B^T d B)] A
 * for an alpha x alpha input tile d and a 3 x 3 kernel g (correlation, as
 * the convolution here).  m = 2: points 0, 1, -1 and infinity; m = 4:
 * points 0, 1, -1, 2, -2 and infinity. */
static const REAL BT2[16] = {1, 0, -1, 0, 0, 1, 1, 0, 0, -1, 1, 0, 0, 1, 0, -1};
static const REAL G2[12] = {1, 0, 0, 0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0, 0, 1};
static const REAL AT2[8] = {1, 1, 1, 0, 0, 1, -1, -1};
static const REAL BT4[36] = {4, 0,  -5, 0, 1, 0, 0, -4, -4, 1,  1, 0, 0, 4, -4, -1, 1, 0,
                             0, -2, -1, 2, 1, 0, 0, 2,  -1, -2, 1, 0, 0, 4, 0,  -5, 0, 1};
static const REAL G4[18] = {1.0 / 4,  0,         0,        -1.0 / 6, -1.0 / 6, -1.0 / 6,
                            -1.0 / 6, 1.0 / 6,   -1.0 / 6, 1.0 / 24, 1.0 / 12, 1.0 / 6,
                            1.0 / 24, -1.0 / 12, 1.0 / 6,  0,        0,        1};
static const REAL AT4[24] = {1, 1, 1, 1, 1, 0, 0, 1, -1, 2, -2, 0,
                             0, 1, 1, 4, 4, 0, 0, 1, -1, 8, -8, 1};

typedef struct {
  size_t m, a;             /* output tile, transform points (m + 2) */
  const REAL *BT, *G, *AT; /* a x a, a x 3, m x a, row-major         */
  size_t th, tw, tiles;    /* tiles per image row/column; in all     */
} wino;

static void wino_set(wino *wn, const sa_conv_geom *g, size_t m, size_t P)
{
  wn->m = m;
  wn->a = m + 2;
  wn->BT = m == 4 ? BT4 : BT2;
  wn->G = m == 4 ? G4 : G2;
  wn->AT = m == 4 ? AT4 : AT2;
  wn->th = (g->ho + m - 1) / m;
  wn->tw = (g->wo + m - 1) / m;
  wn->tiles = P * wn->th * wn->tw;
}

/* out (r x c) = L (r x k) in (k x k') R^T (R: c x k'), all row-major;
 * tmp holds r x k'. */
static void sandwich(const REAL *L, size_t r, size_t k, const REAL *in, size_t kk, const REAL *R,
                     size_t c, REAL *tmp, REAL *out)
{
  for (size_t i = 0; i < r; i++)
    for (size_t j = 0; j < kk; j++) {
      REAL s = 0.0;
      for (size_t l = 0; l < k; l++)
        s += L[i * k + l] * in[l * kk + j];
      tmp[i * kk + j] = s;
    }
  for (size_t i = 0; i < r; i++)
    for (size_t j = 0; j < c; j++) {
      REAL s = 0.0;
      for (size_t l = 0; l < kk; l++)
        s += tmp[i * kk + l] * R[j * kk + l];
      out[i * c + j] = s;
    }
}

/* Tile t -> sample and top-left output pixel. */
static void tile_pos(const wino *wn, size_t t, size_t *mu, size_t *y0, size_t *x0)
{
  size_t per = wn->th * wn->tw, r = t % per;
  *mu = t / per;
  *y0 = r / wn->tw * wn->m;
  *x0 = r % wn->tw * wn->m;
}

/* Tiles transformed together: the transforms run over a block of WB tiles
 * in the innermost loop (contiguous, vectorisable), entry (i, j) of tile q
 * of an r x c block stored at [(i c + j) WB + q]. */
#define WB 32

/* o[q] = sum_l f[l] src[l][q] over the nz nonzero coefficients, one pass
 * over the WB tiles (nz <= 6: the rows of B^T, A^T and A have at most
 * 5 nonzeros). */
static void combine(size_t nz, const REAL *f, const REAL *const *src, REAL *o)
{
  switch (nz) {
  case 0:
    for (size_t q = 0; q < WB; q++)
      o[q] = 0.0;
    break;
  case 1:
    for (size_t q = 0; q < WB; q++)
      o[q] = f[0] * src[0][q];
    break;
  case 2:
    for (size_t q = 0; q < WB; q++)
      o[q] = f[0] * src[0][q] + f[1] * src[1][q];
    break;
  case 3:
    for (size_t q = 0; q < WB; q++)
      o[q] = f[0] * src[0][q] + f[1] * src[1][q] + f[2] * src[2][q];
    break;
  case 4:
    for (size_t q = 0; q < WB; q++)
      o[q] = f[0] * src[0][q] + f[1] * src[1][q] + f[2] * src[2][q] + f[3] * src[3][q];
    break;
  default:
    for (size_t q = 0; q < WB; q++) {
      REAL v = 0.0;
      for (size_t l = 0; l < nz; l++)
        v += f[l] * src[l][q];
      o[q] = v;
    }
  }
}

/* The batched form of sandwich: out = L in R^T for each of the WB tiles
 * of a block (all WB: fixed-length loops vectorise; the callers zero the
 * unused tail of a partial block), skipping the zeros of L and R (most of
 * B^T's and A^T's).  k, kk <= 6. */
static void bsandwich(const REAL *L, size_t r, size_t k, const REAL *in, size_t kk, const REAL *R,
                      size_t c, REAL *tmp, REAL *out)
{
  REAL f[6];
  const REAL *src[6];
  for (size_t i = 0; i < r; i++)
    for (size_t j = 0; j < kk; j++) {
      size_t nz = 0;
      for (size_t l = 0; l < k; l++)
        if (L[i * k + l] != 0.0) {
          f[nz] = L[i * k + l];
          src[nz++] = in + (l * kk + j) * WB;
        }
      combine(nz, f, src, tmp + (i * kk + j) * WB);
    }
  for (size_t i = 0; i < r; i++)
    for (size_t j = 0; j < c; j++) {
      size_t nz = 0;
      for (size_t l = 0; l < kk; l++)
        if (R[j * kk + l] != 0.0) {
          f[nz] = R[j * kk + l];
          src[nz++] = tmp + (i * kk + l) * WB;
        }
      combine(nz, f, src, out + (i * c + j) * WB);
    }
}

/* V[p][c][t - t0] (ld n = t1 - t0) = (B^T d B)[p] for the a x a input tile
 * d of tiles t0..t1-1 of channel c of S (C x P h w), read through ReLU if
 * relu; zero outside the image (stride 1 SAME: pad 1 before). */
static void wino_in(const wino *wn, size_t C, size_t h, size_t w, const SA_MAT *S, int relu,
                    size_t t0, size_t t1, REAL *V)
{
  size_t a = wn->a, n = t1 - t0, hw = h * w;
  REAL d[36 * WB], tmp[36 * WB], v[36 * WB];
  for (size_t c = 0; c < C; c++)
    for (size_t tb = t0; tb < t1; tb += WB) {
      size_t nb = tb + WB <= t1 ? WB : t1 - tb;
      if (nb < WB)
        memset(d, 0, sizeof d);
      for (size_t q = 0; q < nb; q++) {
        size_t mu, y0, x0;
        tile_pos(wn, tb + q, &mu, &y0, &x0);
        const REAL *img = S->data + c * S->tda + mu * hw;
        if (y0 >= 1 && x0 >= 1 && y0 + a - 1 <= h && x0 + a - 1 <= w) {
          const REAL *src = img + (y0 - 1) * w + (x0 - 1);
          for (size_t i = 0; i < a; i++)
            for (size_t j = 0; j < a; j++)
              d[(i * a + j) * WB + q] = src[i * w + j];
        } else
          for (size_t i = 0; i < a; i++) {
            long iy = (long)(y0 + i) - 1;
            for (size_t j = 0; j < a; j++) {
              long ix = (long)(x0 + j) - 1;
              d[(i * a + j) * WB + q] =
                  iy >= 0 && iy < (long)h && ix >= 0 && ix < (long)w ? img[iy * (long)w + ix] : 0.0;
            }
          }
      }
      if (relu)
        for (size_t p = 0; p < a * a; p++)
          for (size_t q = 0; q < WB; q++)
            d[p * WB + q] = d[p * WB + q] > 0.0 ? d[p * WB + q] : 0.0;
      bsandwich(wn->BT, a, a, d, a, wn->BT, a, tmp, v);
      for (size_t p = 0; p < a * a; p++)
        memcpy(V + (p * C + c) * n + (tb - t0), v + p * WB, nb * sizeof *V);
    }
}

/* The inverse step: y = A^T M[.][c][t - t0] A (m x m) for tiles t0..t1-1,
 * written to the valid pixels of channel c of D (C x P h w): D = y + beta D
 * if mask == NULL, else D += y [mask > 0]. */
static void wino_out(const wino *wn, size_t C, size_t h, size_t w, const REAL *M, size_t t0,
                     size_t t1, REAL beta, const SA_MAT *mask, SA_MAT *D)
{
  size_t a = wn->a, m = wn->m, n = t1 - t0, hw = h * w;
  REAL mt[36 * WB], tmp[36 * WB], y[16 * WB];
  for (size_t c = 0; c < C; c++)
    for (size_t tb = t0; tb < t1; tb += WB) {
      size_t nb = tb + WB <= t1 ? WB : t1 - tb;
      if (nb < WB)
        memset(mt, 0, sizeof mt);
      for (size_t p = 0; p < a * a; p++)
        memcpy(mt + p * WB, M + (p * C + c) * n + (tb - t0), nb * sizeof *mt);
      bsandwich(wn->AT, m, a, mt, a, wn->AT, m, tmp, y);
      for (size_t q = 0; q < nb; q++) {
        size_t mu, y0, x0;
        tile_pos(wn, tb + q, &mu, &y0, &x0);
        REAL *img = D->data + c * D->tda + mu * hw;
        const REAL *mimg = mask ? mask->data + c * mask->tda + mu * hw : NULL;
        size_t ny = y0 + m <= h ? m : h - y0, nx = x0 + m <= w ? m : w - x0;
        for (size_t i = 0; i < ny; i++)
          for (size_t j = 0; j < nx; j++) {
            size_t at = (y0 + i) * w + x0 + j;
            REAL v = y[(i * m + j) * WB + q];
            if (mimg)
              img[at] += mimg[at] > 0.0 ? v : 0.0;
            else
              img[at] = v + (beta != 0.0 ? beta * img[at] : 0.0);
          }
      }
    }
}

/* Z[p][c][t - t0] = (A dY A^T)[p] for the m x m output tile dY of channel
 * c of S (C x P h w), zero outside the image: the gradient of M. */
static void wino_grad_out(const wino *wn, size_t C, size_t h, size_t w, const SA_MAT *S, size_t t0,
                          size_t t1, REAL *Z)
{
  size_t a = wn->a, m = wn->m, n = t1 - t0, hw = h * w;
  REAL dy[16 * WB], A[24], tmp[36 * WB], z[36 * WB];
  for (size_t i = 0; i < a; i++) /* A = (A^T)^T, a x m */
    for (size_t j = 0; j < m; j++)
      A[i * m + j] = wn->AT[j * a + i];
  for (size_t c = 0; c < C; c++)
    for (size_t tb = t0; tb < t1; tb += WB) {
      size_t nb = tb + WB <= t1 ? WB : t1 - tb;
      if (nb < WB)
        memset(dy, 0, sizeof dy);
      for (size_t q = 0; q < nb; q++) {
        size_t mu, y0, x0;
        tile_pos(wn, tb + q, &mu, &y0, &x0);
        const REAL *img = S->data + c * S->tda + mu * hw;
        for (size_t i = 0; i < m; i++)
          for (size_t j = 0; j < m; j++)
            dy[(i * m + j) * WB + q] = y0 + i < h && x0 + j < w ? img[(y0 + i) * w + x0 + j] : 0.0;
      }
      bsandwich(A, a, m, dy, m, A, a, tmp, z);
      for (size_t p = 0; p < a * a; p++)
        memcpy(Z + (p * C + c) * n + (tb - t0), z + p * WB, nb * sizeof *Z);
    }
}

/* U[p][r][s] = (G g G^T)[p] for the kernels g of W (cout x cin x 9), with
 * (r, s) = (co, ci), or (ci, co) and g rotated by 180 degrees if flip (the
 * kernels of the input gradient). */
static void wino_filter(const wino *wn, const sa_conv_geom *g, const REAL *W, int flip, REAL *U)
{
  size_t a = wn->a, R = flip ? g->cin : g->cout, Sn = flip ? g->cout : g->cin;
  REAL k[9], tmp[18], u[36];
  for (size_t co = 0; co < g->cout; co++)
    for (size_t ci = 0; ci < g->cin; ci++) {
      const REAL *src = W + (co * g->cin + ci) * 9;
      for (size_t q = 0; q < 9; q++)
        k[q] = flip ? src[8 - q] : src[q];
      sandwich(wn->G, a, 3, k, 3, wn->G, a, tmp, u);
      size_t r = flip ? ci : co, s = flip ? co : ci;
      for (size_t p = 0; p < a * a; p++)
        U[(p * R + r) * Sn + s] = u[p];
    }
}

/* dW (cout x cin x 9) = G^T dU[.][co][ci] G + beta dW. */
static void wino_filter_grad(const wino *wn, const sa_conv_geom *g, const REAL *dU, REAL beta,
                             REAL *dW)
{
  size_t a = wn->a;
  REAL GT[18], du[36], tmp[18], k[9];
  for (size_t i = 0; i < 3; i++)
    for (size_t j = 0; j < a; j++)
      GT[i * a + j] = wn->G[j * 3 + i];
  for (size_t co = 0; co < g->cout; co++)
    for (size_t ci = 0; ci < g->cin; ci++) {
      for (size_t p = 0; p < a * a; p++)
        du[p] = dU[(p * g->cout + co) * g->cin + ci];
      sandwich(GT, 3, a, du, a, GT, 3, tmp, k);
      REAL *dst = dW + (co * g->cin + ci) * 9;
      for (size_t q = 0; q < 9; q++)
        dst[q] = k[q] + (beta != 0.0 ? beta * dst[q] : 0.0);
    }
}

/* Tiles per chunk: the transformed tiles of the wider side fill a buffer;
 * 0 if not even one tile fits. */
static size_t wino_chunk(const wino *wn, const sa_conv_geom *g, const SA_FN(sa_conv_buf) * buf)
{
  size_t per = wn->a * wn->a * (g->cin > g->cout ? g->cin : g->cout), n = buf->cap / per;
  return n < wn->tiles ? n : wn->tiles;
}

/* Room for two transformed filter banks in buf->u; 0 on success. */
static int wino_reserve(SA_FN(sa_conv_buf) * buf, size_t doubles)
{
  if (buf->ucap >= doubles)
    return 0;
  REAL *u = realloc(buf->u, doubles * sizeof *u);
  if (!u)
    return -1;
  buf->u = u;
  buf->ucap = doubles;
  return 0;
}

/* The Winograd path applies: stride 1, a tile size chosen, buffers fit. */
static int wino_usable(const sa_conv_geom *g, size_t P, SA_FN(sa_conv_buf) * buf, wino *wn)
{
  int m = buf->wino;
  if (m == SA_CONV_WINO_AUTO)
    m = g->cin >= SA_CONV_WINO_MIN_CH && g->cout >= SA_CONV_WINO_MIN_CH ? 4 : 0;
  if (g->stride != 1 || (m != 2 && m != 4))
    return 0;
  wino_set(wn, g, (size_t)m, P);
  return wino_chunk(wn, g, buf) > 0 && !wino_reserve(buf, 2 * wn->a * wn->a * g->cin * g->cout);
}

/* One product per transform point: O[p] (r x n) = U[p] (r x k) I[p] (k x n). */
static void wino_gemms(const wino *wn, size_t r, size_t k, size_t n, const REAL *U, const REAL *I,
                       REAL *O)
{
  for (size_t p = 0; p < wn->a * wn->a; p++)
    SA_CBLAS(gemm)
  (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)r, (int)n, (int)k, 1.0, U + p * r * k, (int)k,
   I + p * k * n, (int)n, 0.0, O + p * r * n, (int)n);
}

/* Samples per chunk: as many as fit in the buffer, at least one. */
static size_t chunk_samples(const sa_conv_geom *g, size_t P, const SA_FN(sa_conv_buf) * buf)
{
  size_t per = 9 * g->cin * g->ho * g->wo, S = buf->cap / per;
  if (S < 1)
    S = 1;
  return S < P ? S : P;
}

/* ANCHOR: conv_forward */
void SA_FN(sa_conv_forward)(const sa_conv_geom *g, const REAL *W, const SA_MAT *X, int relu_in,
                            REAL beta, SA_MAT *Y, SA_FN(sa_conv_buf) * buf)
{
  size_t P = X->size2 / (g->h * g->w), howo = g->ho * g->wo, k = 9 * g->cin;
  wino wn;
  if (wino_usable(g, P, buf, &wn)) {
    size_t nc = wino_chunk(&wn, g, buf);
    wino_filter(&wn, g, W, 0, buf->u);
    for (size_t t0 = 0; t0 < wn.tiles; t0 += nc) {
      size_t t1 = t0 + nc < wn.tiles ? t0 + nc : wn.tiles;
      wino_in(&wn, g->cin, g->h, g->w, X, relu_in, t0, t1, buf->col);
      wino_gemms(&wn, g->cout, g->cin, t1 - t0, buf->u, buf->col, buf->dcol);
      wino_out(&wn, g->cout, g->ho, g->wo, buf->dcol, t0, t1, beta, NULL, Y);
    }
    return;
  }
  size_t S = chunk_samples(g, P, buf);
  SA_MATF(const_view) Wv = SA_MATF(const_view_array)(W, g->cout, k);
  for (size_t s0 = 0; s0 < P; s0 += S) {
    size_t n = s0 + S <= P ? S : P - s0;
    SA_FN(sa_conv_im2col)(g, X, s0, n, relu_in, buf->col);
    SA_MATF(view) Col = SA_MATF(view_array)(buf->col, k, n * howo);
    SA_MATF(view) Yb = SA_MATF(submatrix)(Y, 0, s0 * howo, g->cout, n * howo);
    SA_BLAS(gemm)(CblasNoTrans, CblasNoTrans, 1.0, &Wv.matrix, &Col.matrix, beta, &Yb.matrix);
  }
}
/* END: conv_forward */

void SA_FN(sa_conv_backward)(const sa_conv_geom *g, const REAL *W, const SA_MAT *X, int relu_in,
                             const SA_MAT *dY, REAL *dW, REAL beta_w, SA_MAT *dX,
                             SA_FN(sa_conv_buf) * buf)
{
  size_t P = X->size2 / (g->h * g->w), howo = g->ho * g->wo, k = 9 * g->cin;
  wino wn;
  if (wino_usable(g, P, buf, &wn)) {
    size_t nc = wino_chunk(&wn, g, buf), a2 = wn.a * wn.a, cin = g->cin, cout = g->cout;
    REAL *dU = buf->u + a2 * cin * cout;
    for (size_t t0 = 0; dW && t0 < wn.tiles; t0 += nc) {
      size_t t1 = t0 + nc < wn.tiles ? t0 + nc : wn.tiles, n = t1 - t0;
      wino_in(&wn, cin, g->h, g->w, X, relu_in, t0, t1, buf->col);
      wino_grad_out(&wn, cout, g->ho, g->wo, dY, t0, t1, buf->dcol);
      for (size_t p = 0; p < a2; p++) /* dU[p] (+)= Z[p] V[p]^T */
        SA_CBLAS(gemm)
      (CblasRowMajor, CblasNoTrans, CblasTrans, (int)cout, (int)cin, (int)n, 1.0,
       buf->dcol + p * cout * n, (int)n, buf->col + p * cin * n, (int)n, t0 == 0 ? 0.0 : 1.0,
       dU + p * cout * cin, (int)cin);
    }
    if (dW)
      wino_filter_grad(&wn, g, dU, beta_w, dW);
    if (dX)
      wino_filter(&wn, g, W, 1, buf->u);
    for (size_t t0 = 0; dX && t0 < wn.tiles; t0 += nc) {
      size_t t1 = t0 + nc < wn.tiles ? t0 + nc : wn.tiles;
      wino_in(&wn, cout, g->ho, g->wo, dY, 0, t0, t1, buf->col);
      wino_gemms(&wn, cin, cout, t1 - t0, buf->u, buf->col, buf->dcol);
      wino_out(&wn, cin, g->h, g->w, buf->dcol, t0, t1, 1.0, relu_in ? X : NULL, dX);
    }
    return;
  }
  size_t S = chunk_samples(g, P, buf);
  SA_MATF(const_view) Wv = SA_MATF(const_view_array)(W, g->cout, k);
  for (size_t s0 = 0; s0 < P; s0 += S) {
    size_t n = s0 + S <= P ? S : P - s0;
    SA_MATF(const_view) dYb = SA_MATF(const_submatrix)(dY, 0, s0 * howo, g->cout, n * howo);
    if (dW) {
      SA_FN(sa_conv_im2col)(g, X, s0, n, relu_in, buf->col);
      SA_MATF(view) Col = SA_MATF(view_array)(buf->col, k, n * howo);
      SA_MATF(view) dWv = SA_MATF(view_array)(dW, g->cout, k);
      SA_BLAS(gemm)
      (CblasNoTrans, CblasTrans, 1.0, &dYb.matrix, &Col.matrix, s0 == 0 ? beta_w : 1.0,
       &dWv.matrix);
    }
    if (dX) {
      SA_MATF(view) dCol = SA_MATF(view_array)(buf->dcol, k, n * howo);
      SA_BLAS(gemm)(CblasTrans, CblasNoTrans, 1.0, &Wv.matrix, &dYb.matrix, 0.0, &dCol.matrix);
      SA_FN(sa_conv_col2im_add)(g, buf->dcol, s0, n, relu_in ? X : NULL, dX);
    }
  }
}

void SA_FN(sa_conv_sample_grad)(const sa_conv_geom *g, const SA_MAT *dY, size_t mu, size_t co0,
                                size_t co1, const REAL *col, REAL *out)
{
  size_t howo = g->ho * g->wo, k = 9 * g->cin;
  SA_MATF(const_view) dYb = SA_MATF(const_submatrix)(dY, co0, mu * howo, co1 - co0, howo);
  SA_MATF(const_view) Col = SA_MATF(const_view_array)(col, k, howo);
  SA_MATF(view) O = SA_MATF(view_array)(out, co1 - co0, k);
  SA_BLAS(gemm)(CblasNoTrans, CblasTrans, 1.0, &dYb.matrix, &Col.matrix, 0.0, &O.matrix);
}
