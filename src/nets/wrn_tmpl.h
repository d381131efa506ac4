/* The templated part of wrn.h (real_on.h), included once per precision:
 * REAL = double gives sa_wrn_workspace, sa_wrn_forward, ...; REAL = float
 * gives sa_wrn_workspace_float, sa_wrn_forward_float, ... (float tensors,
 * sgemm; see wrn_source.c).  No include guard: wrn.h includes it twice. */

typedef struct {
  size_t P;
  SA_MAT *img;      /* input images, cin x P h w                   */
  SA_MAT **T, **dT; /* tensors and their gradients, C_t x P H_t W_t */
  SA_MAT *pool;     /* pooled features, 64k x P                    */
  SA_MAT *dpool;    /* their gradient                              */
  gsl_matrix *F;    /* outputs, C x P, double in both precisions   */
  SA_MAT *Fr;       /* the same in REAL (F itself for double)      */
  REAL *theta;      /* float: theta rounded by the forward pass    */
  REAL *grad;       /* float: the gradient before widening         */
  SA_FN(sa_conv_buf) * buf;
  double flops; /* flops of the last forward / gradient call   */
} SA_FN(sa_wrn_workspace);

SA_FN(sa_wrn_workspace) * SA_FN(sa_wrn_workspace_alloc)(const sa_wrn *net, size_t P);
void SA_FN(sa_wrn_workspace_free)(SA_FN(sa_wrn_workspace) * ws);

/* Forward pass of X (D x P with P = ws->P): fills the tensors and ws->F.
 * GSL_EBADLEN on a size mismatch. */
int SA_FN(sa_wrn_forward)(const sa_wrn *net, const gsl_matrix *X, SA_FN(sa_wrn_workspace) * ws);

/* Back-propagates the output gradient dF (C x P, REAL) through the network
 * after a forward pass, filling ws->dT (the gradient of every tensor) and,
 * if grad != NULL, dL/dtheta for L with dL/dF = dF. */
int SA_FN(sa_wrn_backward)(const sa_wrn *net, const SA_MAT *dF, SA_FN(sa_wrn_workspace) * ws,
                           gsl_vector *grad);

/* Forward, MSE loss (if loss != NULL) and its gradient (if grad != NULL). */
int SA_FN(sa_wrn_loss_grad)(const sa_wrn *net, const gsl_matrix *X, const gsl_matrix *Y,
                            SA_FN(sa_wrn_workspace) * ws, double *loss, gsl_vector *grad);
