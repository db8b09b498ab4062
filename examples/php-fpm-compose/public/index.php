<?php
// A report that may run long.
echo "ok\n";
