/* Undoes real_on.h (GSL's templates_off.h). */
#undef REAL
#undef SA_FN
#undef SA_MAT
#undef SA_MATF
#undef SA_VEC
#undef SA_VECF
#undef SA_BLAS
#undef SA_CBLAS
#undef SA_REAL_EPS
