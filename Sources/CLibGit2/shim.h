#ifndef KALC_CLIBGIT2_SHIM_H
#define KALC_CLIBGIT2_SHIM_H

#include <git2.h>

#endif
