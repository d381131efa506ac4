## src/train: optimisers (GD, Adam), the training loop with the paper's
## measurements and divergence detection, data sets for `silentalign train`.
src_libsilentalign_la_SOURCES += \
	src/train/optim.c src/train/optim.h \
	src/train/observe.c src/train/observe.h \
	src/train/trainer.c src/train/trainer.h \
	src/train/silence.c src/train/silence.h \
	src/train/traindata.c src/train/traindata.h
