#!/bin/sh
export FOO=bar baz
