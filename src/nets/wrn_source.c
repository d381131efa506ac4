/* Workspaces, forward and backward passes of the Wide ResNet (wrn.h),
 * written once for both precisions (real_on.h): wrn.c compiles this with
 * REAL = double, wrn_float.c with REAL = float.  The network (layout and
 * theta) is shared and stays double; in single precision the forward pass
 * rounds theta to float, the tensors, products and the weight gradient
 * are float, and the outputs F and the gradient are widened to double for
 * the caller (the loss, the optimiser and the kernels' accumulation stay
 * double).  Not compiled on its own; the includes are the wrappers'. */

void SA_FN(sa_wrn_workspace_free)(SA_FN(sa_wrn_workspace) * ws)
{
  if (!ws)
    return;
  if (ws->T)
    for (size_t t = 0; ws->T[t]; t++)
      SA_MATF(free)(ws->T[t]);
  if (ws->dT)
    for (size_t t = 0; ws->dT[t]; t++)
      SA_MATF(free)(ws->dT[t]);
  free(ws->T);
  free(ws->dT);
  if (ws->img)
    SA_MATF(free)(ws->img);
  if (ws->pool)
    SA_MATF(free)(ws->pool);
  if (ws->dpool)
    SA_MATF(free)(ws->dpool);
  if (ws->F)
    gsl_matrix_free(ws->F);
#ifdef SA_REAL_FLOAT
  if (ws->Fr)
    SA_MATF(free)(ws->Fr);
  free(ws->theta);
  free(ws->grad);
#endif
  SA_FN(sa_conv_buf_free)(ws->buf);
  free(ws);
}

SA_FN(sa_wrn_workspace) * SA_FN(sa_wrn_workspace_alloc)(const sa_wrn *net, size_t P)
{
  if (P < 1)
    return NULL;
  SA_FN(sa_wrn_workspace) *ws = calloc(1, sizeof *ws);
  if (!ws)
    return NULL;
  ws->P = P;
  /* NULL-terminated arrays, so that a partial allocation frees cleanly. */
  ws->T = calloc(net->n_tensor + 1, sizeof *ws->T);
  ws->dT = calloc(net->n_tensor + 1, sizeof *ws->dT);
  if (!ws->T || !ws->dT)
    goto fail;
  for (size_t t = 0; t < net->n_tensor; t++) {
    size_t cols = P * net->t_h[t] * net->t_w[t];
    if (!(ws->T[t] = SA_MATF(alloc)(net->t_ch[t], cols)))
      goto fail;
    if (!(ws->dT[t] = SA_MATF(alloc)(net->t_ch[t], cols)))
      goto fail;
  }
  size_t cf = net->t_ch[net->n_tensor - 1], cap = SA_WRN_COL_CAP;
  for (size_t c = 0; c < net->n_conv; c++) {
    size_t one = 9 * net->conv[c].g.cin * net->conv[c].g.ho * net->conv[c].g.wo;
    cap = one > cap ? one : cap;
  }
  ws->img = SA_MATF(alloc)(net->cin, P * net->h * net->w);
  ws->pool = SA_MATF(alloc)(cf, P);
  ws->dpool = SA_MATF(alloc)(cf, P);
  ws->F = gsl_matrix_alloc(net->C, P);
#ifdef SA_REAL_FLOAT
  ws->Fr = SA_MATF(alloc)(net->C, P);
  ws->theta = malloc(net->n_params * sizeof *ws->theta);
  ws->grad = malloc(net->n_params * sizeof *ws->grad);
  if (!ws->Fr || !ws->theta || !ws->grad)
    goto fail;
#else
  ws->Fr = ws->F;
#endif
  ws->buf = SA_FN(sa_conv_buf_alloc)(cap);
  if (!ws->img || !ws->pool || !ws->dpool || !ws->F || !ws->buf)
    goto fail;
  return ws;
fail:
  SA_FN(sa_wrn_workspace_free)(ws);
  return NULL;
}

/* The weights in REAL: theta itself in double precision, its copy
 * rounded to float (made by the forward pass) in single. */
static const REAL *weights(const sa_wrn *net, const SA_FN(sa_wrn_workspace) * ws)
{
#ifdef SA_REAL_FLOAT
  (void)net;
  return ws->theta;
#else
  (void)ws;
  return net->theta->data;
#endif
}

/* Where the backward pass writes the weight gradient (NULL: none):
 * grad itself in double precision, a float buffer widened into grad at
 * the end in single. */
static REAL *grad_out(SA_FN(sa_wrn_workspace) * ws, gsl_vector *grad)
{
#ifdef SA_REAL_FLOAT
  return grad ? ws->grad : NULL;
#else
  (void)ws;
  return grad ? grad->data : NULL;
#endif
}

static const SA_MAT *conv_input(const SA_FN(sa_wrn_workspace) * ws, const sa_wrn_conv *cv)
{
  return cv->in < 0 ? ws->img : ws->T[cv->in];
}

int SA_FN(sa_wrn_forward)(const sa_wrn *net, const gsl_matrix *X, SA_FN(sa_wrn_workspace) * ws)
{
  size_t P = ws->P, hw = net->h * net->w;
  if (X->size1 != net->cin * hw || X->size2 != P)
    return GSL_EBADLEN;
#ifdef SA_REAL_FLOAT
  for (size_t j = 0; j < net->n_params; j++) /* theta rounded to float */
    ws->theta[j] = (REAL)net->theta->data[j];
#endif
  const REAL *wt = weights(net, ws);
  /* Columns of X (pixels in channel, row, column order) -> image tensor. */
  for (size_t c = 0; c < net->cin; c++)
    for (size_t mu = 0; mu < P; mu++) {
      REAL *dst = ws->img->data + c * ws->img->tda + mu * hw;
      for (size_t p = 0; p < hw; p++)
        dst[p] = X->data[(c * hw + p) * X->tda + mu];
    }
  /* ANCHOR: wrn_forward */
  ws->flops = 0.0;
  for (size_t c = 0; c < net->n_conv; c++) {
    const sa_wrn_conv *cv = &net->conv[c];
    SA_FN(sa_conv_forward)
    (&cv->g, wt + cv->offset, conv_input(ws, cv), cv->relu_in, cv->accumulate ? 1.0 : 0.0,
     ws->T[cv->out], ws->buf);
    ws->flops += sa_conv_flops(&cv->g, P);
    int from = net->t_identity_from[cv->out];
    if (from >= 0 && !cv->accumulate)
      SA_MATF(add)(ws->T[cv->out], ws->T[from]); /* identity shortcut after conv2 */
  }
  /* END: wrn_forward */
  /* Global average pooling and the dense layer. */
  const SA_MAT *last = ws->T[net->n_tensor - 1];
  size_t cf = last->size1, hwl = net->t_h[net->n_tensor - 1] * net->t_w[net->n_tensor - 1];
  for (size_t c = 0; c < cf; c++)
    for (size_t mu = 0; mu < P; mu++) {
      const REAL *v = last->data + c * last->tda + mu * hwl;
      REAL s = 0;
      for (size_t p = 0; p < hwl; p++)
        s += v[p];
      SA_MATF(set)(ws->pool, c, mu, s / (REAL)hwl);
    }
  SA_MATF(const_view) Wd = SA_MATF(const_view_array)(wt + net->dense_offset, net->C, cf);
  SA_BLAS(gemm)(CblasNoTrans, CblasNoTrans, 1.0, &Wd.matrix, ws->pool, 0.0, ws->Fr);
#ifdef SA_REAL_FLOAT
  for (size_t i = 0; i < net->C; i++) /* outputs widened to double */
    for (size_t mu = 0; mu < P; mu++)
      gsl_matrix_set(ws->F, i, mu, SA_MATF(get)(ws->Fr, i, mu));
#endif
  ws->flops += 2.0 * (double)(net->C * cf * P);
  return GSL_SUCCESS;
}

int SA_FN(sa_wrn_backward)(const sa_wrn *net, const SA_MAT *dF, SA_FN(sa_wrn_workspace) * ws,
                           gsl_vector *grad)
{
  size_t P = ws->P, C = net->C, nt = net->n_tensor;
  if (dF->size1 != C || dF->size2 != P ||
      (grad && (grad->size != net->n_params || grad->stride != 1)))
    return GSL_EBADLEN;
  size_t cf = net->t_ch[nt - 1], hwl = net->t_h[nt - 1] * net->t_w[nt - 1];
  const REAL *wt = weights(net, ws);
  REAL *gw = grad_out(ws, grad);
  SA_MATF(const_view) Wd = SA_MATF(const_view_array)(wt + net->dense_offset, C, cf);
  if (grad) {
    SA_MATF(view) dWd = SA_MATF(view_array)(gw + net->dense_offset, C, cf);
    SA_BLAS(gemm)(CblasNoTrans, CblasTrans, 1.0, dF, ws->pool, 0.0, &dWd.matrix);
    ws->flops += 2.0 * (double)(C * cf * P);
  }
  SA_BLAS(gemm)(CblasTrans, CblasNoTrans, 1.0, &Wd.matrix, dF, 0.0, ws->dpool);
  ws->flops += 2.0 * (double)(C * cf * P);
  SA_MAT *dlast = ws->dT[nt - 1];
  for (size_t c = 0; c < cf; c++)
    for (size_t mu = 0; mu < P; mu++) {
      REAL v = SA_MATF(get)(ws->dpool, c, mu) / (REAL)hwl;
      REAL *d = dlast->data + c * dlast->tda + mu * hwl;
      for (size_t p = 0; p < hwl; p++)
        d[p] = v;
    }
  for (size_t t = 0; t + 1 < nt; t++)
    SA_MATF(set_zero)(ws->dT[t]);
  for (size_t c = net->n_conv; c-- > 0;) {
    const sa_wrn_conv *cv = &net->conv[c];
    int from = net->t_identity_from[cv->out];
    if (from >= 0 && !cv->accumulate)
      SA_MATF(add)(ws->dT[from], ws->dT[cv->out]); /* identity shortcut */
    REAL *dW = gw ? gw + cv->offset : NULL;
    SA_MAT *dX = cv->in < 0 ? NULL : ws->dT[cv->in];
    SA_FN(sa_conv_backward)
    (&cv->g, wt + cv->offset, conv_input(ws, cv), cv->relu_in, ws->dT[cv->out], dW, 0.0, dX,
     ws->buf);
    ws->flops += (dW ? 1.0 : 0.0) * sa_conv_flops(&cv->g, P) + (dX ? sa_conv_flops(&cv->g, P) : 0);
  }
#ifdef SA_REAL_FLOAT
  for (size_t j = 0; grad && j < net->n_params; j++) /* widened to double */
    grad->data[j] = ws->grad[j];
#endif
  return GSL_SUCCESS;
}

int SA_FN(sa_wrn_loss_grad)(const sa_wrn *net, const gsl_matrix *X, const gsl_matrix *Y,
                            SA_FN(sa_wrn_workspace) * ws, double *loss, gsl_vector *grad)
{
  if (Y->size1 != net->C || Y->size2 != ws->P)
    return GSL_EBADLEN;
  int st = SA_FN(sa_wrn_forward)(net, X, ws);
  if (st)
    return st;
  if (loss)
    *loss = sa_model_mse(ws->F, Y);
  if (!grad)
    return GSL_SUCCESS;
  SA_MAT *dF = SA_MATF(alloc)(net->C, ws->P);
  if (!dF)
    return GSL_ENOMEM;
#ifdef SA_REAL_FLOAT
  for (size_t i = 0; i < net->C; i++) /* (F - Y)/P as sa_model_mse_grad, rounded */
    for (size_t mu = 0; mu < ws->P; mu++) {
      double g = (gsl_matrix_get(ws->F, i, mu) - gsl_matrix_get(Y, i, mu)) / (double)ws->P;
      dF->data[i * dF->tda + mu] = (REAL)g;
    }
  st = GSL_SUCCESS;
#else
  st = sa_model_mse_grad(ws->F, Y, dF); /* (F - Y)/P */
#endif
  if (!st)
    st = SA_FN(sa_wrn_backward)(net, dF, ws, grad);
  SA_MATF(free)(dF);
  return st;
}
