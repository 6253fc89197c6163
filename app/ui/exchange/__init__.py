"""数据交换: pairing with the other offices' installations, sending and receiving packages, reviewing conflicts."""
