#ifndef CLIBXML2BENCH_SHIM_H
#define CLIBXML2BENCH_SHIM_H

#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, whose headers clash with Foundation's copy of ICU when both
   are imported into one Swift module. The SAX floor uses no ICU fields, so leave them out. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

/* The benchmark's one other C need: malloc_trim, so memory measurements start from a trimmed heap. */
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#endif
