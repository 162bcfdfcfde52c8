# src/genogram.mk - the genogram: its model, layout, terminal drawing and
# Graphviz export (included by Makefile.am).

libcbcore_a_SOURCES += \
	src/genogram_model.c src/genogram_model.h \
	src/genogram_text.c src/genogram_grid.c \
	src/genogram_layout.c src/genogram_draw.c src/genogram_legend.c \
	src/genogram_dot.c

# The genogram as a picture through Graphviz's dot (svg, png, pdf).
libcbcore_a_SOURCES += \
	src/export_genogram.c src/export_genogram.h
