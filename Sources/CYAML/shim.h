#ifndef KALC_CYAML_SHIM_H
#define KALC_CYAML_SHIM_H

#include <yaml.h>

#endif
