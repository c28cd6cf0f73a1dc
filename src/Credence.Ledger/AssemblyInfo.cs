namespace Credence.Ledger;
