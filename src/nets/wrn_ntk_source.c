/* The Wide ResNet NTK of wrn_ntk.h, written once for both precisions
 * (real_on.h): wrn_ntk.c compiles this with REAL = double, wrn_ntk_float.c
 * with REAL = float.  In single precision the per-sample gradients, the
 * Jacobian block and each block's Gram are float (sgemm, ssyrk); the
 * block Grams are added to the double kernels.  Not compiled on its own;
 * the includes are the wrappers'. */

static size_t block_cols(const sa_wrn *net, size_t n, size_t block_doubles)
{
  /* at least one output-channel row of the widest filter bank, and the
   * dense layer */
  size_t min = net->t_ch[net->n_tensor - 1];
  for (size_t c = 0; c < net->n_conv; c++)
    if (sa_conv_fan_in(&net->conv[c].g) > min)
      min = sa_conv_fan_in(&net->conv[c].g);
  size_t cols = (block_doubles ? block_doubles : SA_WRN_NTK_BLOCK_DOUBLES) / n;
  if (cols < min)
    cols = min;
  return cols < net->n_params ? cols : net->n_params;
}

/* Samples of convolution cv whose im2col the cache keeps (wrn_ntk.h): the
 * bound is in bytes, so single precision keeps twice as many. */
static size_t cached_samples(const sa_wrn_conv *cv, size_t n)
{
  size_t per = 9 * cv->g.cin * cv->g.ho * cv->g.wo,
         m = SA_WRN_NTK_COL_CACHE_BYTES / (per * sizeof(REAL));
  return m < n ? m : n;
}

/* Elements (REAL) of the im2col cache: the largest convolution's share. */
static size_t col_cache_elems(const sa_wrn *net, size_t n)
{
  size_t need = 0;
  for (size_t c = 0; c < net->n_conv; c++) {
    const sa_wrn_conv *cv = &net->conv[c];
    size_t d = cached_samples(cv, n) * 9 * cv->g.cin * cv->g.ho * cv->g.wo;
    need = d > need ? d : need;
  }
  return need;
}

void SA_FN(sa_wrn_ntk_workspace_free)(SA_FN(sa_wrn_ntk_workspace) * ws)
{
  if (!ws)
    return;
  SA_FN(sa_wrn_workspace_free)(ws->fw);
  if (ws->X)
    gsl_matrix_free(ws->X);
  if (ws->ones)
    SA_MATF(free)(ws->ones);
#ifdef SA_REAL_FLOAT
  if (ws->Kr)
    SA_MATF(free)(ws->Kr);
  if (ws->Kxr)
    SA_MATF(free)(ws->Kxr);
#endif
  free(ws->J);
  free(ws->col);
  free(ws->sqrt_eta);
  free(ws);
}

SA_FN(sa_wrn_ntk_workspace) *
    SA_FN(sa_wrn_ntk_workspace_alloc)(const sa_wrn *net, size_t P, size_t Pt, size_t block_doubles)
{
  if (net->C != 1 || P < 1)
    return NULL;
  SA_FN(sa_wrn_ntk_workspace) *ws = calloc(1, sizeof *ws);
  if (!ws)
    return NULL;
  ws->P = P;
  ws->Pt = Pt;
  ws->n = P + Pt;
  ws->cols = block_cols(net, ws->n, block_doubles);
  ws->fw = SA_FN(sa_wrn_workspace_alloc)(net, ws->n);
  ws->X = gsl_matrix_alloc(net->cin * net->h * net->w, ws->n);
  ws->ones = SA_MATF(alloc)(1, ws->n);
  ws->J = malloc(ws->n * ws->cols * sizeof *ws->J);
  ws->col_cap = col_cache_elems(net, ws->n);
  ws->col = ws->col_cap ? malloc(ws->col_cap * sizeof *ws->col) : NULL;
  ws->sqrt_eta = malloc(ws->cols * sizeof *ws->sqrt_eta);
  if (!ws->fw || !ws->X || !ws->ones || !ws->J || (ws->col_cap && !ws->col) || !ws->sqrt_eta) {
    SA_FN(sa_wrn_ntk_workspace_free)(ws);
    return NULL;
  }
#ifdef SA_REAL_FLOAT
  ws->Kr = SA_MATF(alloc)(P, P);
  ws->Kxr = Pt ? SA_MATF(alloc)(Pt, P) : NULL;
  if (!ws->Kr || (Pt && !ws->Kxr)) {
    SA_FN(sa_wrn_ntk_workspace_free)(ws);
    return NULL;
  }
#endif
  SA_MATF(set_all)(ws->ones, 1);
  return ws;
}

/* Output kernels and rates of one call. */
typedef struct {
  const gsl_vector *eta;
  gsl_matrix *K, *Kx, *E, *Ex;
} outputs;

#ifdef SA_REAL_FLOAT
/* A += Ar (its upper triangle if upper), Ar float: each block's float
 * Gram is added to the double kernels, so the rounding of the sum over
 * blocks is double's. */
static void widen_add(const SA_MAT *Ar, int upper, gsl_matrix *A)
{
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = upper ? i : 0; j < A->size2; j++)
      A->data[i * A->tda + j] += Ar->data[i * Ar->tda + j];
}
#endif

/* ANCHOR: wrn_ntk_flush */
/* Folds the block (columns 0..used-1, parameters p0..p0+used-1) into the
 * kernels: K += Jtr Jtr^T, Kx += Jte Jtr^T, then the same with the columns
 * scaled by sqrt(eta) for E, Ex. */
static int flush(SA_FN(sa_wrn_ntk_workspace) * ws, size_t p0, size_t used, const outputs *o)
{
  if (used == 0)
    return GSL_SUCCESS;
  int st = GSL_SUCCESS;
  size_t P = ws->P, Pt = ws->Pt;
  SA_MATF(view) Jtr = SA_MATF(view_array_with_tda)(ws->J, P, used, ws->cols);
  SA_MATF(view)
  Jte = Pt ? SA_MATF(view_array_with_tda)(ws->J + P * ws->cols, Pt, used, ws->cols) : Jtr;
  double u = (double)used;
  for (int pass = 0; pass < 2; pass++) {
    gsl_matrix *A = pass ? o->E : o->K, *B = pass ? o->Ex : o->Kx;
    if (pass == 1) {
      if (!o->eta)
        break;
      const double *e = o->eta->data + p0;
      for (size_t j = 0; j < used; j++)
        ws->sqrt_eta[j] = (REAL)sqrt(e[j]);
      for (size_t r = 0; r < ws->n; r++) {
        REAL *row = ws->J + r * ws->cols;
        for (size_t j = 0; j < used; j++)
          row[j] *= ws->sqrt_eta[j];
      }
    }
    if (A) {
#ifdef SA_REAL_FLOAT
      if (!(st = gsl_blas_ssyrk(CblasUpper, CblasNoTrans, 1, &Jtr.matrix, 0, ws->Kr)))
        widen_add(ws->Kr, 1, A);
#else
      st = gsl_blas_dsyrk(CblasUpper, CblasNoTrans, 1.0, &Jtr.matrix, 1.0, A);
#endif
      if (st)
        return sa_error(st, "Wide-ResNet NTK: J J^T of a block: %s", gsl_strerror(st));
      ws->flops += (double)P * (double)(P + 1) * u;
    }
    if (B && Pt) {
#ifdef SA_REAL_FLOAT
      if (!(st = gsl_blas_sgemm(CblasNoTrans, CblasTrans, 1, &Jte.matrix, &Jtr.matrix, 0, ws->Kxr)))
        widen_add(ws->Kxr, 0, B);
#else
      st = gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &Jte.matrix, &Jtr.matrix, 1.0, B);
#endif
      if (st)
        return sa_error(st, "Wide-ResNet NTK: J_test J^T of a block: %s", gsl_strerror(st));
      ws->flops += 2.0 * (double)Pt * (double)P * u;
    }
  }
  return GSL_SUCCESS;
}

/* END: wrn_ntk_flush */

int SA_FN(sa_wrn_ntk)(const sa_wrn *net, const gsl_matrix *X, const gsl_matrix *Xt,
                      const gsl_vector *eta, SA_FN(sa_wrn_ntk_workspace) * ws, gsl_matrix *K,
                      gsl_matrix *Kx, gsl_matrix *E, gsl_matrix *Ex)
{
  size_t P = ws->P, Pt = ws->Pt, n = ws->n, D = net->cin * net->h * net->w;
  if (net->C != 1 || X->size1 != D || X->size2 != P)
    return GSL_EBADLEN;
  if ((Kx || Ex) && (!Xt || Xt->size1 != D || Xt->size2 != Pt || Pt == 0))
    return GSL_EBADLEN;
  if ((K && (K->size1 != P || K->size2 != P)) || (E && (E->size1 != P || E->size2 != P)) ||
      (Kx && (Kx->size1 != Pt || Kx->size2 != P)) || (Ex && (Ex->size1 != Pt || Ex->size2 != P)))
    return GSL_EBADLEN;
  if ((E || Ex) && (!eta || eta->size != net->n_params || eta->stride != 1))
    return GSL_EBADLEN;
  if (E || Ex)
    for (size_t j = 0; j < eta->size; j++)
      if (!(eta->data[j] >= 0.0))
        return GSL_EDOM;
  outputs o = {(E || Ex) ? eta : NULL, K, Kx, E, Ex};
  gsl_matrix *all[4] = {K, Kx, E, Ex};
  for (int i = 0; i < 4; i++)
    if (all[i])
      gsl_matrix_set_zero(all[i]);

  /* Train and test samples side by side; test columns only if needed. */
  gsl_matrix_view Xtr = gsl_matrix_submatrix(ws->X, 0, 0, D, P);
  int st = gsl_matrix_memcpy(&Xtr.matrix, X);
  if (!st && Pt) {
    gsl_matrix_view Xte = gsl_matrix_submatrix(ws->X, 0, P, D, Pt);
    if (Xt)
      st = gsl_matrix_memcpy(&Xte.matrix, Xt);
    else
      gsl_matrix_set_zero(&Xte.matrix);
  }
  if (st)
    return sa_error(st, "Wide-ResNet NTK: copy of the inputs: %s", gsl_strerror(st));
  SA_FN(sa_wrn_workspace) *fw = ws->fw;
  st = SA_FN(sa_wrn_forward)(net, ws->X, fw);
  if (!st)
    st = SA_FN(sa_wrn_backward)(net, ws->ones, fw, NULL);
  if (st)
    return st;
  ws->flops = fw->flops;

  /* ANCHOR: wrn_ntk_rows */
  /* Column blocks in parameter order: output-channel rows of each conv,
   * then the dense layer.  Col_mu of the first nc samples is built in the
   * conv's first block and kept (wrn_ntk.h); the others are rebuilt. */
  size_t used = 0, p0 = 0;
  for (size_t c = 0; c < net->n_conv; c++) {
    const sa_wrn_conv *cv = &net->conv[c];
    size_t fan = sa_conv_fan_in(&cv->g), cout = cv->g.cout;
    size_t per = fan * cv->g.ho * cv->g.wo, nc = cached_samples(cv, n);
    const SA_MAT *in = cv->in < 0 ? fw->img : fw->T[cv->in];
    for (size_t co0 = 0; co0 < cout;) {
      if (used + fan > ws->cols) {
        if ((st = flush(ws, p0, used, &o)))
          return st;
        p0 += used;
        used = 0;
      }
      size_t rows = (ws->cols - used) / fan;
      size_t co1 = co0 + rows < cout ? co0 + rows : cout;
      for (size_t mu = 0; mu < n; mu++) {
        REAL *col = mu < nc ? ws->col + mu * per : fw->buf->col;
        if (mu >= nc || co0 == 0)
          SA_FN(sa_conv_im2col)(&cv->g, in, mu, 1, cv->relu_in, col);
        SA_FN(sa_conv_sample_grad)
        (&cv->g, fw->dT[cv->out], mu, co0, co1, col, ws->J + mu * ws->cols + used);
      }
      ws->flops += sa_conv_flops(&cv->g, n) * (double)(co1 - co0) / (double)cout;
      used += (co1 - co0) * fan;
      co0 = co1;
    }
  }
  /* END: wrn_ntk_rows */
  size_t cf = net->t_ch[net->n_tensor - 1];
  if (used + cf > ws->cols) {
    if ((st = flush(ws, p0, used, &o)))
      return st;
    p0 += used;
    used = 0;
  }
  for (size_t mu = 0; mu < n; mu++)
    for (size_t i = 0; i < cf; i++)
      ws->J[mu * ws->cols + used + i] = SA_MATF(get)(fw->pool, i, mu);
  used += cf;
  if ((st = flush(ws, p0, used, &o)))
    return st;
  if (K)
    sa_linalg_fill_lower(K);
  if (E)
    sa_linalg_fill_lower(E);
  return GSL_SUCCESS;
}
