/* One interface over the MLP and the Wide ResNet: see model.h. */
#include "config.h"

#include "nets/model.h"

#include "core/sa_errno.h"

#include <gsl/gsl_errno.h>
#include <stdlib.h>

sa_model sa_model_mlp(sa_mlp *net)
{
  return (sa_model){SA_MODEL_MLP, net, NULL, 0};
}
sa_model sa_model_wrn(sa_wrn *net)
{
  return (sa_model){SA_MODEL_WRN, NULL, net, 0};
}

gsl_vector *sa_model_theta(const sa_model *m)
{
  return m->kind == SA_MODEL_MLP ? m->mlp->theta : m->wrn->theta;
}

size_t sa_model_n_params(const sa_model *m)
{
  return m->kind == SA_MODEL_MLP ? m->mlp->n_params : m->wrn->n_params;
}

size_t sa_model_inputs(const sa_model *m)
{
  return m->kind == SA_MODEL_MLP ? m->mlp->widths[0] : m->wrn->cin * m->wrn->h * m->wrn->w;
}

size_t sa_model_outputs(const sa_model *m)
{
  return m->kind == SA_MODEL_MLP ? m->mlp->widths[m->mlp->L] : m->wrn->C;
}

sa_model_ws *sa_model_ws_alloc(const sa_model *m, size_t P)
{
  sa_model_ws *ws = calloc(1, sizeof *ws);
  if (!ws)
    return NULL;
  ws->kind = m->kind;
  if (m->kind == SA_MODEL_MLP)
    ws->mlp = sa_mlp_workspace_alloc(m->mlp, P);
  else if (m->single)
    ws->wrnf = sa_wrn_workspace_alloc_float(m->wrn, P);
  else
    ws->wrn = sa_wrn_workspace_alloc(m->wrn, P);
  if (!ws->mlp && !ws->wrn && !ws->wrnf) {
    free(ws);
    return NULL;
  }
  return ws;
}

void sa_model_ws_free(sa_model_ws *ws)
{
  if (!ws)
    return;
  sa_mlp_workspace_free(ws->mlp);
  sa_wrn_workspace_free(ws->wrn);
  sa_wrn_workspace_free_float(ws->wrnf);
  free(ws);
}

const gsl_matrix *sa_model_ws_outputs(const sa_model_ws *ws)
{
  return ws->kind == SA_MODEL_MLP ? ws->mlp->F : ws->wrnf ? ws->wrnf->F : ws->wrn->F;
}

int sa_model_forward(const sa_model *m, const gsl_matrix *X, sa_model_ws *ws)
{
  if (m->kind == SA_MODEL_MLP)
    return sa_mlp_forward(m->mlp, X, ws->mlp);
  return ws->wrnf ? sa_wrn_forward_float(m->wrn, X, ws->wrnf) : sa_wrn_forward(m->wrn, X, ws->wrn);
}

double sa_model_mse(const gsl_matrix *F, const gsl_matrix *Y)
{
  size_t P = F->size2;
  double s = 0.0;
  for (size_t c = 0; c < F->size1; c++)
    for (size_t mu = 0; mu < P; mu++) {
      double e = gsl_matrix_get(F, c, mu) - gsl_matrix_get(Y, c, mu);
      s += e * e;
    }
  return s / (2.0 * (double)P);
}

int sa_model_mse_grad(const gsl_matrix *F, const gsl_matrix *Y, gsl_matrix *G)
{
  size_t C = F->size1, P = F->size2;
  if (Y->size1 != C || Y->size2 != P || G->size1 != C || G->size2 != P)
    return GSL_EBADLEN;
  for (size_t c = 0; c < C; c++)
    for (size_t mu = 0; mu < P; mu++)
      gsl_matrix_set(G, c, mu, (gsl_matrix_get(F, c, mu) - gsl_matrix_get(Y, c, mu)) / (double)P);
  return GSL_SUCCESS;
}

double sa_model_loss_from_outputs(const sa_model_ws *ws, const gsl_matrix *Y)
{
  return sa_model_mse(sa_model_ws_outputs(ws), Y);
}

int sa_model_loss_grad(const sa_model *m, const gsl_matrix *X, const gsl_matrix *Y, sa_model_ws *ws,
                       double *loss, gsl_vector *grad)
{
  if (m->kind == SA_MODEL_MLP)
    return sa_mlp_loss_grad(m->mlp, X, Y, ws->mlp, loss, grad);
  return ws->wrnf ? sa_wrn_loss_grad_float(m->wrn, X, Y, ws->wrnf, loss, grad)
                  : sa_wrn_loss_grad(m->wrn, X, Y, ws->wrn, loss, grad);
}

int sa_model_set_theta(const sa_model *m, const double *theta)
{
  gsl_vector *th = sa_model_theta(m);
  gsl_vector_const_view v = gsl_vector_const_view_array(theta, th->size);
  int st = th->data != theta ? gsl_vector_memcpy(th, &v.vector) : GSL_SUCCESS;
  return st ? sa_error(st, "setting the parameters: %s", gsl_strerror(st)) : GSL_SUCCESS;
}

int sa_model_loss_grad_at(const sa_model *m, const double *theta, const gsl_matrix *X,
                          const gsl_matrix *Y, sa_model_ws *ws, double *loss, gsl_vector *grad)
{
  int st = sa_model_set_theta(m, theta);
  return st ? st : sa_model_loss_grad(m, X, Y, ws, loss, grad);
}

sa_model_kws *sa_model_kws_alloc(const sa_model *m, size_t P, size_t P_test)
{
  sa_model_kws *ws = calloc(1, sizeof *ws);
  if (!ws)
    return NULL;
  ws->kind = m->kind;
  if (m->kind == SA_MODEL_MLP)
    ws->mlp = sa_ntk_workspace_alloc(m->mlp, P, P_test);
  else if (m->single)
    ws->wrnf = sa_wrn_ntk_workspace_alloc_float(m->wrn, P, P_test, 0);
  else
    ws->wrn = sa_wrn_ntk_workspace_alloc(m->wrn, P, P_test, 0);
  if (!ws->mlp && !ws->wrn && !ws->wrnf) {
    free(ws);
    return NULL;
  }
  return ws;
}

void sa_model_kws_free(sa_model_kws *ws)
{
  if (!ws)
    return;
  sa_ntk_workspace_free(ws->mlp);
  sa_wrn_ntk_workspace_free(ws->wrn);
  sa_wrn_ntk_workspace_free_float(ws->wrnf);
  free(ws);
}

int sa_model_kernels(const sa_model *m, const gsl_matrix *X, const gsl_matrix *Xt,
                     const gsl_vector *eta, sa_model_kws *ws, gsl_matrix *K, gsl_matrix *Kx,
                     gsl_matrix *E, gsl_matrix *Ex)
{
  if (m->kind == SA_MODEL_WRN)
    return ws->wrnf ? sa_wrn_ntk_float(m->wrn, X, Xt, eta, ws->wrnf, K, Kx, E, Ex)
                    : sa_wrn_ntk(m->wrn, X, Xt, eta, ws->wrn, K, Kx, E, Ex);
  if ((E || Ex) && !eta)
    return GSL_EBADLEN;
  int st = GSL_SUCCESS;
  if (!st && K)
    st = sa_ntk_gram(m->mlp, X, ws->mlp, K);
  if (!st && Kx)
    st = Xt ? sa_ntk_cross(m->mlp, Xt, X, ws->mlp, Kx) : GSL_EBADLEN;
  if (!st && E)
    st = sa_ntk_eta_gram(m->mlp, eta, X, ws->mlp, E);
  if (!st && Ex)
    st = Xt ? sa_ntk_eta_cross(m->mlp, eta, Xt, X, ws->mlp, Ex) : GSL_EBADLEN;
  return st;
}
