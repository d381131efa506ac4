## src/nets: file lists (included by the top Makefile.am)
## Experiment side: bias-free MLPs (forward, loss, backprop), the empirical
## NTK by layer-wise Hadamard products of Grams, ridgeless kernel regression,
## convolutions and the Wide ResNet with its NTK (double and single precision
## from one templated source each), the common model interface.
src_libsilentalign_la_SOURCES += \
	src/nets/mlp.c src/nets/mlp.h \
	src/nets/ntk.c src/nets/ntk.h \
	src/nets/kernel_regression.c src/nets/kernel_regression.h \
	src/nets/real_on.h src/nets/real_off.h \
	src/nets/conv.c src/nets/conv_float.c src/nets/conv.h src/nets/conv_tmpl.h \
	src/nets/wrn.c src/nets/wrn_float.c src/nets/wrn.h src/nets/wrn_tmpl.h \
	src/nets/wrn_ntk.c src/nets/wrn_ntk_float.c src/nets/wrn_ntk.h src/nets/wrn_ntk_tmpl.h \
	src/nets/model.c src/nets/model.h
## Type-generic sources (real_on.h), included by the double and float
## wrappers above rather than compiled on their own.
EXTRA_DIST += src/nets/conv_source.c src/nets/wrn_source.c src/nets/wrn_ntk_source.c
