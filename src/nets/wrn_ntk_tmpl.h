/* The templated part of wrn_ntk.h (real_on.h), included once per
 * precision: REAL = double gives sa_wrn_ntk_workspace, sa_wrn_ntk, ...;
 * REAL = float gives sa_wrn_ntk_workspace_float, sa_wrn_ntk_float, ...
 * (float per-sample gradients and block Grams, double kernels; see
 * wrn_ntk_source.c).  No include guard: wrn_ntk.h includes it twice. */

typedef struct {
  size_t P, Pt, n;              /* training, test samples, n = P + Pt         */
  size_t cols;                  /* columns of a Jacobian block                */
  SA_FN(sa_wrn_workspace) * fw; /* forward/backward of all n samples           */
  gsl_matrix *X;                /* train and test inputs side by side, D x n   */
  SA_MAT *ones;                 /* df/df = 1, 1 x n                            */
  REAL *J;                      /* Jacobian block, n x cols row-major          */
  REAL *col;                    /* im2col cache, col_cap REALs                 */
  size_t col_cap;
  REAL *sqrt_eta;   /* sqrt of the rates of one block, cols        */
  SA_MAT *Kr, *Kxr; /* float: one block's Gram and cross kernel */
  double flops;     /* BLAS-3 flops of the last call               */
} SA_FN(sa_wrn_ntk_workspace);

/* block_doubles: size of the Jacobian block (0: SA_WRN_NTK_BLOCK_DOUBLES;
 * never below one filter row per sample).  NULL on C != 1, P = 0 or no
 * memory. */
SA_FN(sa_wrn_ntk_workspace) *
    SA_FN(sa_wrn_ntk_workspace_alloc)(const sa_wrn *net, size_t P, size_t Pt, size_t block_doubles);
void SA_FN(sa_wrn_ntk_workspace_free)(SA_FN(sa_wrn_ntk_workspace) * ws);

/* The kernels at the current parameters.  X: D x P training inputs; Xt:
 * D x Pt test inputs (may be NULL when Kx and Ex are NULL).  eta: rates
 * (length n_params, >= 0) for E and Ex, or NULL.  Any output may be NULL:
 *   K  (P x P)  = J J^T,            Kx (Pt x P) = J_t J^T,
 *   E  (P x P)  = J diag(eta) J^T,  Ex (Pt x P) = J_t diag(eta) J^T.
 * K and E are symmetric with both triangles filled.  Returns GSL_SUCCESS,
 * GSL_EBADLEN on a size mismatch, GSL_EDOM for a negative or NaN rate. */
int SA_FN(sa_wrn_ntk)(const sa_wrn *net, const gsl_matrix *X, const gsl_matrix *Xt,
                      const gsl_vector *eta, SA_FN(sa_wrn_ntk_workspace) * ws, gsl_matrix *K,
                      gsl_matrix *Kx, gsl_matrix *E, gsl_matrix *Ex);
