package io.stockflow.common.synthetic;

import io.stockflow.common.pos.PosTransaction;

/** How a writer renders one line as one row of its wire format. */
interface RowFormat {

    String row(PosTransaction line);

    /** The row with this text in place of the quantity, which a {@link PosTransaction} cannot hold. */
    String rowWithQuantity(PosTransaction line, String quantity);
}
